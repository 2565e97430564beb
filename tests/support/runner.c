/*
 * SPDX-License-Identifier: MIT
 */
#include "runner.h"

#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* An unlinked temporary file (its descriptor). */
static int temp_fd(const char *what)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/ldrt-test-%s-XXXXXX", dir && *dir ? dir : "/tmp", what);
    int fd = mkstemp(path);
    ck_assert_msg(fd >= 0, "cannot create a temporary file in %s", dir && *dir ? dir : "/tmp");
    unlink(path);
    return fd;
}

static char *slurp_fd(int fd, size_t *len_out)
{
    size_t cap = 4096, len = 0;
    char *s = malloc(cap);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(lseek(fd, 0, SEEK_SET), 0);
    ssize_t n;
    while ((n = read(fd, s + len, cap - len - 1)) > 0) {
        len += (size_t)n;
        if (cap - len < 2) {
            cap *= 2;
            s = realloc(s, cap);
            ck_assert_ptr_nonnull(s);
        }
    }
    s[len] = '\0';
    *len_out = len;
    return s;
}

/* Appends "exitcode=TU_SANITIZER_STATUS" to the sanitizer options named. */
static void sanitizer_env(const char *name)
{
    char buf[1024];
    const char *old = getenv(name);
    snprintf(buf, sizeof buf, "%s%sexitcode=%d", old && *old ? old : "", old && *old ? ":" : "",
             TU_SANITIZER_STATUS);
    setenv(name, buf, 1);
}

static void run(const char *const *argv, int (*fn)(void *), void *arg, unsigned seconds,
                struct tu_run *r)
{
    memset(r, 0, sizeof *r);
    int fo = temp_fd("out"), fe = temp_fd("err");
    fflush(NULL);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        if (dup2(fo, 1) < 0 || dup2(fe, 2) < 0)
            _exit(127);
        close(fo);
        close(fe);
        sanitizer_env("ASAN_OPTIONS");
        sanitizer_env("UBSAN_OPTIONS");
        alarm(seconds); /* survives exec: a hang dies of SIGALRM */
        if (argv) {
            execv(argv[0], (char *const *)argv);
            _exit(127);
        }
        int status = fn(arg);
        fflush(stdout);
        fflush(stderr);
        _exit(status);
    }
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    r->status = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    r->out = slurp_fd(fo, &r->out_len);
    r->err = slurp_fd(fe, &r->err_len);
    close(fo);
    close(fe);
}

void tu_run_program(const char *const *argv, unsigned seconds, struct tu_run *r)
{
    run(argv, NULL, NULL, seconds, r);
}

void tu_run_function(int (*fn)(void *arg), void *arg, unsigned seconds, struct tu_run *r)
{
    run(NULL, fn, arg, seconds, r);
}

void tu_run_free(struct tu_run *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}
