/*
 * Byte sources: descriptor, FILE* and pushed chunks, with transparent gzip.
 *
 * Raw bytes are staged in `in`; plain input is copied out of it, gzip input
 * is inflated out of it.  Only `chunk` raw bytes are read ahead, so memory
 * stays bounded whatever the file size.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "source.h"

void x12i_source_init(x12i_source *s, const x12i_alloc *a, size_t chunk)
{
    memset(s, 0, sizeof *s);
    s->alloc = a;
    s->fd = -1;
    s->chunk = chunk;
}

void x12i_source_set_range(x12i_source *s, uint64_t skip, uint64_t limit, int limited)
{
    s->skip = skip;
    s->limit = limit;
    s->limited = limited;
}

void x12i_source_close(x12i_source *s)
{
    if (s->z_ready)
        inflateEnd(&s->z);
    if (s->own_fd && s->fd >= 0)
        close(s->fd);
    x12i_free(s->alloc, s->in);
    s->in = NULL;
    s->in_cap = s->in_pos = s->in_len = 0;
    s->z_ready = 0;
    s->fd = -1;
    s->kind = X12I_SRC_NONE;
}

/* Makes room for `extra` more raw bytes at the end of `in`, sliding what is
 * still unread to the front first. */
static int reserve_in(x12i_source *s, size_t extra)
{
    void *p = s->in;

    if (s->in_pos > 0) {
        memmove(s->in, s->in + s->in_pos, s->in_len - s->in_pos);
        s->in_len -= s->in_pos;
        s->in_pos = 0;
    }
    if (s->in_len + extra < s->in_len)
        return -1;
    if (x12i_grow(s->alloc, &p, &s->in_cap, s->in_len + extra, 1) != 0)
        return -1;
    s->in = p;
    return 0;
}

x12_status x12i_source_push(x12i_source *s, const void *data, size_t len, int is_final)
{
    if (len > 0) {
        if (reserve_in(s, len) != 0)
            return X12_ENOMEM;
        memcpy(s->in + s->in_len, data, len);
        s->in_len += len;
    }
    if (is_final)
        s->raw_eof = 1;
    return X12_OK;
}

/* Reads more raw bytes from the descriptor or stream into `in`.
 * X12_OK (maybe 0 bytes at EOF, then raw_eof is set), X12_AGAIN (push),
 * X12_EIO, X12_ENOMEM. */
static x12_status fill_raw(x12i_source *s, const char **msg)
{
    size_t n = 0;

    if (s->raw_eof)
        return X12_OK;
    if (s->kind == X12I_SRC_PUSH)
        return X12_AGAIN;
    if (reserve_in(s, s->chunk) != 0)
        return X12_ENOMEM;
    if (s->kind == X12I_SRC_FD) {
        ssize_t r;
        do {
            r = read(s->fd, s->in + s->in_len, s->chunk);
        } while (r < 0 && errno == EINTR);
        if (r < 0) {
            s->saved_errno = errno;
            *msg = "read failed";
            return X12_EIO;
        }
        n = (size_t)r;
    } else {
        n = fread(s->in + s->in_len, 1, s->chunk, s->fp);
        if (n == 0 && ferror(s->fp)) {
            s->saved_errno = errno;
            *msg = "read failed";
            return X12_EIO;
        }
    }
    if (n == 0)
        s->raw_eof = 1;
    s->in_len += n;
    return X12_OK;
}

static x12_status start_member(x12i_source *s, const char **msg)
{
    int zr;

    if (!s->z_ready) {
        memset(&s->z, 0, sizeof s->z);
        zr = inflateInit2(&s->z, 16 + MAX_WBITS); /* gzip wrapper only */
        if (zr != Z_OK) {
            *msg = "cannot start the gzip decoder";
            return zr == Z_MEM_ERROR ? X12_ENOMEM : X12_EGZIP;
        }
        s->z_ready = 1;
    } else if (inflateReset(&s->z) != Z_OK) {
        *msg = "cannot restart the gzip decoder";
        return X12_EGZIP;
    }
    s->z_member_done = 0;
    return X12_OK;
}

static x12_status read_gzip(x12i_source *s, char *dst, size_t cap, size_t *got,
                            const char **msg)
{
    x12_status st;

    for (;;) {
        int zr;
        size_t before_in, before_out;

        if (s->z_member_done) {
            /* Another member may follow (gzip allows concatenation). */
            if (s->in_len - s->in_pos < 2 && !s->raw_eof) {
                st = fill_raw(s, msg);
                if (st != X12_OK)
                    return st;
                continue;
            }
            if (s->in_len == s->in_pos)
                return X12_END;
            if (s->in_len - s->in_pos >= 2 && s->in[s->in_pos] == 0x1f &&
                s->in[s->in_pos + 1] == 0x8b) {
                st = start_member(s, msg);
                if (st != X12_OK)
                    return st;
            } else {
                *msg = "bytes after the end of the gzip stream are not gzip data";
                return X12_EGZIP;
            }
        }
        if (s->in_pos == s->in_len) {
            if (s->raw_eof) {
                *msg = "the gzip stream is truncated";
                return X12_EGZIP;
            }
            st = fill_raw(s, msg);
            if (st != X12_OK)
                return st;
            continue;
        }
        s->z.next_in = s->in + s->in_pos;
        s->z.avail_in = (uInt)((s->in_len - s->in_pos) > UINT32_MAX ? UINT32_MAX
                                                                     : (s->in_len - s->in_pos));
        s->z.next_out = (Bytef *)dst;
        s->z.avail_out = (uInt)(cap > UINT32_MAX ? UINT32_MAX : cap);
        before_in = s->z.avail_in;
        before_out = s->z.avail_out;
        zr = inflate(&s->z, Z_NO_FLUSH);
        s->in_pos += before_in - s->z.avail_in;
        *got = before_out - s->z.avail_out;
        if (zr == Z_STREAM_END) {
            s->z_member_done = 1;
        } else if (zr == Z_MEM_ERROR || (zr != Z_OK && zr != Z_BUF_ERROR)) {
            st = zr == Z_MEM_ERROR ? X12_ENOMEM : X12_EGZIP;
            *msg = zr == Z_MEM_ERROR ? "out of memory in the gzip decoder"
                                     : "corrupt gzip data";
            if (*got == 0)
                return st;
            s->pending_status = st;
            s->pending_msg = *msg;
            *msg = "";
            return X12_OK;
        }
        if (*got > 0)
            return X12_OK;
    }
}

/* Looks at the first two raw bytes for gzip's magic (once). */
static x12_status detect(x12i_source *s, const char **msg)
{
    x12_status st;

    while (!s->detected) {
        if (s->in_len - s->in_pos >= 2 || s->raw_eof) {
            s->detected = 1;
            s->gz = (s->in_len - s->in_pos >= 2 && s->in[s->in_pos] == 0x1f &&
                     s->in[s->in_pos + 1] == 0x8b);
            if (s->gz) {
                st = start_member(s, msg);
                if (st != X12_OK)
                    return st;
            }
            break;
        }
        st = fill_raw(s, msg);
        if (st != X12_OK)
            return st;
    }
    return X12_OK;
}

/* Decoded bytes from where the input stands, ignoring the range. */
static x12_status read_decoded(x12i_source *s, char *dst, size_t cap, size_t *got,
                               const char **msg)
{
    x12_status st;
    size_t avail;

    *got = 0;
    if (s->pending_status != X12_OK) {
        *msg = s->pending_msg;
        return s->pending_status;
    }
    st = detect(s, msg);
    if (st != X12_OK)
        return st;
    if (s->gz)
        return read_gzip(s, dst, cap, got, msg);

    avail = s->in_len - s->in_pos;
    if (avail == 0) {
        if (s->raw_eof)
            return X12_END;
        if (s->kind == X12I_SRC_FD && cap >= s->chunk) {
            /* Plain file: read straight into the caller's buffer. */
            ssize_t r;
            do {
                r = read(s->fd, dst, cap);
            } while (r < 0 && errno == EINTR);
            if (r < 0) {
                s->saved_errno = errno;
                *msg = "read failed";
                return X12_EIO;
            }
            if (r == 0) {
                s->raw_eof = 1;
                return X12_END;
            }
            *got = (size_t)r;
            return X12_OK;
        }
        st = fill_raw(s, msg);
        if (st != X12_OK)
            return st;
        avail = s->in_len - s->in_pos;
        if (avail == 0)
            return s->raw_eof ? X12_END : X12_AGAIN;
    }
    if (avail > cap)
        avail = cap;
    memcpy(dst, s->in + s->in_pos, avail);
    s->in_pos += avail;
    *got = avail;
    return X12_OK;
}

/* Moves past the first `skip` decoded bytes.  Plain input that can seek
 * (a file by descriptor or FILE*) seeks past what the staging buffer does
 * not hold; anything else (gzip, a pipe, pushed chunks) is read into dst,
 * free space of the caller's, and dropped. */
static x12_status skip_bytes(x12i_source *s, char *dst, size_t cap, const char **msg)
{
    x12_status st;
    size_t n;

    st = detect(s, msg);
    if (st != X12_OK)
        return st;
    if (!s->gz && s->pending_status == X12_OK) {
        n = s->in_len - s->in_pos;
        if ((uint64_t)n > s->skip)
            n = (size_t)s->skip;
        s->in_pos += n;
        s->skip -= n;
        if (s->skip == 0)
            return X12_OK;
        if (s->skip <= (uint64_t)INT64_MAX && !s->raw_eof) {
            if (s->kind == X12I_SRC_FD &&
                lseek(s->fd, (off_t)s->skip, SEEK_CUR) != (off_t)-1) {
                s->skip = 0;
                return X12_OK;
            }
            if (s->kind == X12I_SRC_FILE && fseeko(s->fp, (off_t)s->skip, SEEK_CUR) == 0) {
                s->skip = 0;
                return X12_OK;
            }
        }
    }
    if ((uint64_t)cap > s->skip)
        cap = (size_t)s->skip;
    st = read_decoded(s, dst, cap, &n, msg);
    if (st == X12_OK)
        s->skip -= n;
    return st;
}

x12_status x12i_source_read(x12i_source *s, char *dst, size_t cap, size_t *got,
                            const char **msg)
{
    x12_status st;

    *got = 0;
    *msg = "";
    if (cap == 0)
        return X12_EINVAL;
    while (s->skip > 0) {
        st = skip_bytes(s, dst, cap, msg);
        if (st != X12_OK)
            return st;
    }
    if (s->limited) {
        if (s->limit == 0)
            return X12_END;
        if ((uint64_t)cap > s->limit)
            cap = (size_t)s->limit;
    }
    st = read_decoded(s, dst, cap, got, msg);
    if (st == X12_OK && s->limited)
        s->limit -= *got;
    return st;
}
