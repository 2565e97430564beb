/*
 * Replacing a file atomically: the one writer of every file the library
 * saves (patient documents, plots).
 *
 * - The target is replaced only if it is a regular file (or does not exist):
 *   a directory, FIFO, device node or socket is refused, untouched.
 * - A symbolic link is followed to its target, as editors do: the file it
 *   points to gets the new content and the link stays a link. A link whose
 *   target does not exist (dangling) is refused.
 * - The data goes to a temporary file in the target's directory (so the
 *   rename never crosses a file system), is written, synced, and renamed
 *   over the target; the directory is synced. On any failure the temporary
 *   file is removed and the target is left byte for byte as it was.
 * - The temporary name stays within NAME_MAX whatever the target's name:
 *   ".<up to 200 bytes of the name>.<16 hex digits of a hash of the whole
 *   name>.tmp-XXXXXX" (at most 229 bytes). It is hidden, and created
 *   readable and writable by its owner only (mkstemp), as a new target is;
 *   an existing target keeps its mode.
 * - A save that was killed leaves its temporary file behind (it holds
 *   patient data). The next save of the same target removes it: every
 *   temporary is locked (flock) by the process writing it while it lives,
 *   so a temporary of the same target that can be locked has no writer
 *   left and is stale.
 * SPDX-License-Identifier: MIT
 */
#define _DEFAULT_SOURCE 1 /* flock() */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io_internal.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* Bytes of the target's name kept in its temporary name. */
#define TMP_PREFIX_MAX 200

static int write_all(int fd, const char *data, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, data, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += w;
        n -= (size_t)w;
    }
    return 0;
}

/* FNV-1a, 64 bits: tells apart two long names that share their first bytes. */
static uint64_t name_hash(const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211u;
    }
    return h;
}

/* The stem of the temporary names of a target named base (no directory):
 * ".<prefix>.<hash>.tmp-" */
static void tmp_stem(const char *base, char *out, size_t size)
{
    size_t n = strlen(base);
    if (n > TMP_PREFIX_MAX)
        n = TMP_PREFIX_MAX;
    snprintf(out, size, ".%.*s.%016llx.tmp-", (int)n, base,
             (unsigned long long)name_hash(base));
}

/* Removes the temporaries of the same target that no process holds. */
static void remove_stale(const char *dir, const char *stem)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    size_t slen = strlen(stem);
    int dfd = dirfd(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, stem, slen) != 0 || strlen(e->d_name) != slen + 6)
            continue;
        int fd = openat(dfd, e->d_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
        if (fd < 0)
            continue;
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
            flock(fd, LOCK_EX | LOCK_NB) == 0)
            (void)unlinkat(dfd, e->d_name, 0);
        close(fd);
    }
    closedir(d);
}

/* The file a save replaces: path itself, or the target of the symbolic
 * link(s) it names. *resolved is path or an allocated name (freed by the
 * caller when != path). */
static int resolve(const char *path, const char **resolved, char **owned, struct stat *st,
                   int *exists)
{
    *owned = NULL;
    *resolved = path;
    *exists = 0;
    struct stat lst;
    if (lstat(path, &lst) != 0) {
        if (errno == ENOENT)
            return LDRT_OK;
        return ldrt__error(LDRT_EIO, "%s: cannot inspect: %s", path, strerror(errno));
    }
    if (S_ISLNK(lst.st_mode)) {
        if (stat(path, st) != 0)
            return ldrt__error(LDRT_EIO, "%s: a symbolic link whose target cannot be reached: %s",
                               path, strerror(errno));
        char *buf = ldrt__malloc(PATH_MAX);
        if (!buf)
            return LDRT_ENOMEM;
        if (!realpath(path, buf)) {
            int err = errno;
            ldrt__free(buf);
            return ldrt__error(LDRT_EIO, "%s: cannot resolve the symbolic link: %s", path,
                               strerror(err));
        }
        *owned = buf;
        *resolved = buf;
    } else {
        *st = lst;
    }
    if (!S_ISREG(st->st_mode)) {
        ldrt__free(*owned);
        *owned = NULL;
        const char *what = S_ISDIR(st->st_mode)    ? "a directory"
                           : S_ISFIFO(st->st_mode) ? "a FIFO"
                           : S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode) ? "a device"
                           : S_ISSOCK(st->st_mode) ? "a socket"
                                                   : "not a regular file";
        return ldrt__error(LDRT_EIO, "%s: is %s; only a regular file is replaced", path, what);
    }
    *exists = 1;
    return LDRT_OK;
}

int ldrt__write_file_atomic(const char *path, const char *data, size_t size)
{
    const char *target;
    char *owned;
    struct stat st;
    int exists;
    int rc = resolve(path, &target, &owned, &st, &exists);
    if (rc)
        return rc;
    /* The directory and the name of the target. */
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    size_t dlen = slash ? (size_t)(slash - target) : 0;
    if (!*base) {
        ldrt__free(owned);
        return ldrt__error(LDRT_EIO, "%s: names a directory", path);
    }
    char stem[TMP_PREFIX_MAX + 32];
    tmp_stem(base, stem, sizeof stem);
    size_t tlen = dlen + 1 + strlen(stem) + 6 + 1;
    char *tmp = ldrt__malloc(tlen);
    char *dir = tmp ? ldrt__malloc(dlen + 2) : NULL;
    if (!dir) {
        ldrt__free(tmp);
        ldrt__free(owned);
        return LDRT_ENOMEM;
    }
    if (slash) {
        memcpy(dir, target, dlen);
        dir[dlen] = '\0';
        if (dlen == 0)
            strcpy(dir, "/");
        snprintf(tmp, tlen, "%s/%sXXXXXX", dlen ? dir : "", stem);
    } else {
        strcpy(dir, ".");
        snprintf(tmp, tlen, "%sXXXXXX", stem);
    }
    remove_stale(dir, stem);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        rc = ldrt__error(LDRT_EIO, "%s: cannot create a temporary file: %s", path, strerror(errno));
        goto out;
    }
    /* Held until this process closes it (or dies): tells a live temporary
     * from a stale one. */
    (void)flock(fd, LOCK_EX | LOCK_NB);
    if (exists)
        (void)fchmod(fd, st.st_mode & 07777);
    if (write_all(fd, data, size) != 0)
        rc = ldrt__error(LDRT_EIO, "%s: cannot write: %s", path, strerror(errno));
    else if (fsync(fd) != 0)
        rc = ldrt__error(LDRT_EIO, "%s: cannot sync: %s", path, strerror(errno));
    if (!rc && rename(tmp, target) != 0)
        rc = ldrt__error(LDRT_EIO, "%s: cannot replace: %s", path, strerror(errno));
    if (rc)
        (void)unlink(tmp);
    if (close(fd) != 0 && !rc)
        rc = ldrt__error(LDRT_EIO, "%s: cannot close: %s", path, strerror(errno));
    if (!rc) {
        /* Make the rename durable: sync the directory (best effort). */
        int dfd = open(dir, O_RDONLY | O_CLOEXEC);
        if (dfd >= 0) {
            (void)fsync(dfd);
            close(dfd);
        }
    }
out:
    ldrt__free(tmp);
    ldrt__free(dir);
    ldrt__free(owned);
    return rc;
}
