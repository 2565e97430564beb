/*
 * Shared test support: runs something in a child process with its stdout
 * and stderr captured (fork, then exec of a program or a call of a
 * function), within a time limit, for the tests of the ldrt command.
 * SPDX-License-Identifier: MIT
 */
#ifndef LDRT_RUNNER_H
#define LDRT_RUNNER_H

#include <stddef.h>

/* Exit status the sanitizers are told to use in the child (ASAN_OPTIONS,
 * UBSAN_OPTIONS), distinct from the command's own 0, 1 and 2. */
#define TU_SANITIZER_STATUS 86

struct tu_run {
    int status;            /* exit status, or -signal when killed by one */
    char *out, *err;       /* what it wrote, NUL-terminated (free with tu_run_free) */
    size_t out_len, err_len;
};

/* Runs the program argv[0] (argv NULL-terminated) in a child that dies of
 * SIGALRM after seconds (0: no limit). */
void tu_run_program(const char *const *argv, unsigned seconds, struct tu_run *r);

/* Runs fn(arg) in a forked child with stdout and stderr captured; the child
 * flushes both and exits with fn's return value. */
void tu_run_function(int (*fn)(void *arg), void *arg, unsigned seconds, struct tu_run *r);

void tu_run_free(struct tu_run *r);

#endif
