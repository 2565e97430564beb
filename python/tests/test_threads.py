"""The binding from several threads: ctypes releases the GIL during each call,
and the library's error messages are per thread, so each thread's exception
carries its own message; different patients are used from different threads
at once (patient.h: "Different patients may be used from different threads")."""

import inspect
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


# A child interpreter so that a crash is a test failure, not the end of the run.
_CLOSE_WHILE_READING = r"""
import random, sys, threading, time
import ldrt
from ldrt import dose, response

CASE = sys.argv[1]
unexpected = []


def hammer(owner, trials=12, threads=8):
    # Readers on every thread, then close() from this one at a random moment.
    rng = random.Random(9)
    cond = threading.Condition()
    state = {"trial": 0, "job": None}

    def worker(k):
        seen = 0
        while True:
            with cond:
                cond.wait_for(lambda: state["trial"] != seen)
                seen, job = state["trial"], state["job"]
            if job is None:
                return
            obj, reads, reading, done = job
            first = True
            try:
                while True:
                    for j in range(len(reads)):
                        reads[(j + k) % len(reads)](obj)
                    if first:
                        reading.release()
                        first = False
            except ldrt.ClosedError:
                pass
            except BaseException as exc:
                unexpected.append(repr(exc))
            done.release()

    ts = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    for t in ts:
        t.start()
    for trial in range(trials + 1):
        obj, reads = owner() if trial < trials else (None, None)
        reading, done = threading.Semaphore(0), threading.Semaphore(0)
        with cond:
            state["trial"] += 1
            state["job"] = (obj, reads, reading, done) if obj else None
            cond.notify_all()
        if obj is None:
            break
        for _ in range(3):
            reading.acquire()           # some readers are well under way
        time.sleep(rng.uniform(0, 0.003))
        obj[0].close()
        for _ in ts:
            done.acquire()
    for t in ts:
        t.join()


def patient():
    p = ldrt.Patient.load(CASE)
    c = p.find_course("LXRT-2023")
    lesion = p.lesions[0]
    return (p, c, lesion), [
        lambda o: o[0].id, lambda o: o[1].total_dose_gy, lambda o: o[0].dumps(),
        lambda o: [f.dose_gy for f in o[1].fractions], lambda o: o[2].dose("melanoma"),
        lambda o: o[0].assess().best(), lambda o: o[0].render_timeline("json"),
        lambda o: len(o[0].events), lambda o: o[1].response(), lambda o: o[0].timeline(),
    ]


def options():
    o = response.Options(confirm_days=35)
    return (o,), [lambda o: o[0]["confirm_days"], lambda o: o[0].as_dict()]


def assessment():
    p = ldrt.Patient.load(CASE)
    a = p.assess()
    p.close()
    return (a,), [lambda o: o[0].timepoints, lambda o: o[0].best(True),
                  lambda o: o[0].render("json"), lambda o: o[0].endpoints]


def dvh():
    d = dose.Dvh([float(i % 50) for i in range(2000)], bin_width_gy=0.5)
    return (d,), [lambda o: o[0].cumulative(), lambda o: o[0].stats,
                  lambda o: o[0].dose_at_volume(50)]


sys.setswitchinterval(1e-4)  # hand the GIL over often: more interleavings, less waiting
for owner in (patient, options, assessment, dvh):
    hammer(owner)
print("unexpected:", len(unexpected), unexpected[:3])
print("ok" if not unexpected else "FAILED")
"""


class TestClose(unittest.TestCase):
    """close() in one thread while others use the object: ClosedError, never a crash."""

    def test_close_while_other_threads_read(self):
        import os
        import subprocess
        import sys
        case = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "data",
                            "case-fong-2025.json")
        out = subprocess.run([sys.executable, "-c", _CLOSE_WHILE_READING, case],
                             capture_output=True, text=True, env=dict(os.environ), timeout=300)
        self.assertEqual(out.returncode, 0, "the child died: %s" % out.stderr[-2000:])
        self.assertEqual(out.stdout.splitlines()[-1], "ok", out.stdout + out.stderr[-2000:])

    def test_a_call_in_flight_finishes_on_the_live_record(self):
        # A guarded call that started before close() keeps the record until it
        # returns; the close() does not wait for it, and later calls are refused.
        from ldrt._guard import guard
        p = ldrt.Patient("P1")
        inside, release, result = threading.Event(), threading.Event(), []

        @guard
        def slow_read(patient):
            inside.set()
            release.wait(10)
            result.append(patient.id)          # after close(): still the live record
            result.append(len(patient.events))

        t = threading.Thread(target=slow_read, args=(p,))
        t.start()
        self.assertTrue(inside.wait(10))
        p.close()                               # returns at once, frees later
        self.assertTrue(p.closed)
        self.assertTrue(t.is_alive())
        with self.assertRaises(ldrt.ClosedError):
            p.id
        release.set()
        t.join()
        self.assertEqual(result, ["P1", 0])
        with self.assertRaises(ldrt.ClosedError):
            p.id

    def test_lifetime_frees_once_after_the_last_use(self):
        from ldrt._guard import Lifetime
        freed = []
        life = Lifetime("h", freed.append)
        life.enter("closed")
        life.enter("closed")                    # nested in the same thread
        life.close()
        life.close()                            # twice is harmless
        self.assertEqual(freed, [])
        life.exit()
        self.assertEqual(freed, [])
        life.exit()
        self.assertEqual(freed, ["h"])
        with self.assertRaises(ldrt.ClosedError) as cm:
            life.enter("the thing is closed")
        self.assertEqual(str(cm.exception), "the thing is closed")
        self.assertFalse(life.held())
        # Closed with no use in flight: freed at once.
        other = Lifetime("g", freed.append)
        other.close()
        self.assertEqual(freed, ["h", "g"])

    def test_uses_of_other_threads_count(self):
        from ldrt._guard import Lifetime
        freed = []
        life = Lifetime("h", freed.append)
        entered, leave = threading.Event(), threading.Event()

        def user():
            life.enter("closed")
            entered.set()
            leave.wait(10)
            life.exit()

        t = threading.Thread(target=user)
        t.start()
        self.assertTrue(entered.wait(10))
        self.assertFalse(life.held())           # held by the other thread, not this one
        life.close()
        self.assertEqual(freed, [])
        leave.set()
        t.join()
        self.assertEqual(freed, ["h"])

    def test_every_method_and_property_is_guarded(self):
        # Every public method and property of every class that calls the library
        # on a handle holds a use while it runs (the guard is added when the
        # class is created, so a new method cannot forget it).
        from ldrt import _guard, dose, patient, response
        classes = set()
        for module in (patient, response, dose):
            for name in dir(module):
                obj = getattr(module, name)
                if isinstance(obj, type) and issubclass(obj, _guard.Guarded):
                    classes.add(obj)
        self.assertTrue({ldrt.Patient, ldrt.Lesion, ldrt.RadiotherapyCourse,
                         response.Options, response.Assessment, dose.Dvh} <= classes)
        checked = 0
        for cls in classes:
            for name, value in vars(cls).items():
                if name in ("close", "closed") or (name.startswith("_") and
                                                   name not in _guard._GUARDED_DUNDERS):
                    continue
                funcs = ([value.fget, value.fset] if isinstance(value, property) else
                         [value] if inspect.isfunction(value) else [])
                for f in funcs:
                    if f is not None:
                        self.assertTrue(getattr(f, "_ldrt_guarded", False),
                                        "%s.%s" % (cls.__name__, name))
                        checked += 1
        self.assertGreater(checked, 150)
        # The module functions that take an Options.
        for f in (response.assess, response.assess_recorded, response.recist_cohort,
                  response.bor_cohort, response.abscopal, response.resistance):
            self.assertTrue(getattr(f, "_ldrt_guarded", False), f.__name__)

    def test_a_handle_read_outside_a_guard_is_a_loud_bug(self):
        p = ldrt.Patient("P1")
        with self.assertRaises(RuntimeError):
            p._h
        p.close()
