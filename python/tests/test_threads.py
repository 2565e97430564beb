"""The binding from several threads: ctypes releases the GIL during each call,
and the library's error messages are per thread, so each thread's exception
carries its own message; different patients are used from different threads
at once (patient.h: "Different patients may be used from different threads")."""

import threading
import unittest

import ldrt
from ldrt import dose


class TestThreads(unittest.TestCase):
    def test_errors_carry_their_own_thread_message(self):
        failures = []

        def worker(k):
            p = ldrt.Patient("P%d" % k)
            lesion_id = "L%d" % k
            p.add_lesion(lesion_id)
            for i in range(300):
                try:
                    p.add_lesion(lesion_id)  # duplicate: the message names this thread's id
                except ldrt.InvalidArgument as e:
                    if lesion_id not in str(e):
                        failures.append(str(e))
                try:
                    dose.bed(-float(k + 1), 5, 10)
                except ldrt.InvalidArgument as e:
                    if "total_gy" not in str(e):
                        failures.append(str(e))
                c = p.add_event("radiotherapy", "2023-07-21")
                c.set_prescription(10, 5)
                if c.total_dose_gy != 10.0:
                    failures.append("dose")
                p.remove_event(c)
            p.close()

        threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])


if __name__ == "__main__":
    unittest.main()
