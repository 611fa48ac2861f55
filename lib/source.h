/*
 * Byte sources for the reader: a descriptor, a FILE*, or chunks pushed by
 * the caller, each optionally gzip-compressed (detected by the magic bytes
 * 1f 8b and decoded with zlib, concatenated members included).  The source
 * never parses X12; it only hands out decoded bytes.
 */
#ifndef X12_SOURCE_H
#define X12_SOURCE_H

#include <stdio.h>
#include <zlib.h>

#include "internal.h"

typedef enum x12i_src_kind {
    X12I_SRC_NONE = 0,
    X12I_SRC_FD,
    X12I_SRC_FILE,
    X12I_SRC_PUSH
} x12i_src_kind;

typedef struct x12i_source {
    x12i_src_kind kind;
    const x12i_alloc *alloc;
    int fd;
    int own_fd;          /* opened by x12_reader_open_path */
    FILE *fp;
    size_t chunk;        /* bytes read at a time */

    /* Raw (possibly compressed) bytes waiting to be decoded: [in_pos, in_len). */
    unsigned char *in;
    size_t in_pos, in_len, in_cap;
    int raw_eof;         /* no more raw bytes will come */

    int detected;        /* gzip magic checked */
    int gz;              /* input is gzip */
    int z_ready;         /* inflateInit2 done */
    int z_member_done;   /* last member ended; more may follow */
    z_stream z;
    int saved_errno;
    /* A decoder error found after some bytes were decoded in the same call:
     * those bytes are handed out first, the error on the next call, so the
     * result does not depend on how the input was chunked. */
    x12_status pending_status;
    const char *pending_msg;
    /* A byte range of the decoded input (x12_reader_set_range): `skip`
     * bytes are dropped first (seeked over in a plain file or descriptor
     * when it can seek, decoded and dropped otherwise), then at most
     * `limit` bytes are handed out when `limited`. */
    uint64_t skip, limit;
    int limited;
} x12i_source;

void x12i_source_init(x12i_source *s, const x12i_alloc *a, size_t chunk);
void x12i_source_close(x12i_source *s);

/* Reads only decoded bytes [skip, skip + limit) of the input (limited 0:
 * to its end).  Call before the first read. */
void x12i_source_set_range(x12i_source *s, uint64_t skip, uint64_t limit, int limited);

/* Appends pushed bytes (kind must be PUSH).  X12_ENOMEM. */
x12_status x12i_source_push(x12i_source *s, const void *data, size_t len, int is_final);

/*
 * Reads up to `cap` decoded bytes into dst.  Returns
 *   X12_OK     with *got > 0
 *   X12_END    end of input (*got = 0)
 *   X12_AGAIN  push source needs more bytes (*got = 0)
 *   X12_EIO / X12_EGZIP / X12_ENOMEM with *msg set to a static or
 *              zlib-owned message.
 */
x12_status x12i_source_read(x12i_source *s, char *dst, size_t cap, size_t *got,
                            const char **msg);

#endif /* X12_SOURCE_H */
