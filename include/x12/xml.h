/*
 * libx12 - X12 <-> XML.
 *
 * x12_xml_write turns the segments of an x12_reader into an XML document
 * (schema: specs/x12xml.xsd, namespace X12_XML_NAMESPACE) shaped by the
 * envelopes and, when the guide of a transaction set is known (the built-in
 * 837P, 837I, 835, 999, 270, 271, 276, 277 and 277CA), by its loops:
 *
 *     <x12 xmlns="urn:libx12:x12xml:1">
 *       <interchange element="*" component=":" repetition="^" segment="~"
 *                    trailer="~&#10;">
 *         <seg id="ISA"><ele n="01">00</ele> ... </seg>
 *         <group>
 *           <seg id="GS"> ... </seg>
 *           <transaction guide="005010X222A1">
 *             <seg id="ST"> ... </seg>
 *             <loop id="2300">
 *               <seg id="CLM"><ele n="01">PCN1</ele><ele n="02">100</ele>
 *                 <ele n="05"><cmp n="1">11</cmp><cmp n="2">B</cmp>
 *                   <cmp n="3">1</cmp></ele> ... </seg>
 *
 * x12_xml_read turns such a document back into X12.  Everything the reader
 * keeps (delimiters, each segment's terminator and line breaks, bytes before
 * an ISA, empty elements and components, malformed segments) is in the XML,
 * so X12 -> XML -> X12 reproduces the input byte for byte.  Both directions
 * stream: memory stays bounded by the longest segment whatever the size of
 * the input.
 *
 *     x12_xml *x;
 *     x12_xml_new(NULL, &x);
 *     x12_reader_open_path(r, "claims.837");
 *     if (x12_xml_write_file(x, r, stdout) != X12_OK)
 *         report(x12_xml_last_error(x));
 *     ...
 *     if (x12_xml_read_path(x, "claims.xml", stdout) != X12_OK)
 *         report(x12_xml_last_error(x), x12_xml_error_line(x));
 *     x12_xml_free(x);
 *
 * No function prints: during each reading call libxml2's generic error
 * function (which is per thread) is set to a silent one, and restored
 * before the call returns; the callbacks run inside that window.  Writing
 * does not use libxml2.  No other global state is touched.  One handle converts one input at a time; two threads
 * need two handles.
 */
#ifndef X12_XML_H
#define X12_XML_H

#include <stdio.h>
#include <x12/common.h>
#include <x12/error.h>
#include <x12/reader.h>
#include <x12/writer.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The namespace of every element of the format. */
#define X12_XML_NAMESPACE "urn:libx12:x12xml:1"

typedef struct x12_xml x12_xml;

/* Creates a converter.  `alloc` may be NULL (malloc/free); it is used for
 * the converter's own memory (libxml2 allocates with its own functions).
 * The caller frees *out with x12_xml_free.  X12_ENOMEM, X12_EINVAL. */
X12_API x12_status x12_xml_new(const x12_allocator *alloc, x12_xml **out);
/* Frees the converter and anything a conversion left half done.  NULL is
 * allowed. */
X12_API void x12_xml_free(x12_xml *x);

typedef enum x12_xml_option {
    /* X12 -> XML: 1 (default) puts the segments of a transaction set whose
     * guide is known into <loop id="..."> elements; 0 writes plain
     * segments. */
    X12_XOPT_LOOPS = 1,
    /* X12 -> XML: 1 (default) one element per line, indented by two spaces
     * per level; 0 no white space between elements. */
    X12_XOPT_INDENT = 2,
    /* XML -> X12: the longest segment built, in bytes, terminator and line
     * breaks included.  Default 65536, as the reader's
     * X12_OPT_MAX_SEGMENT_BYTES; at least 16.  Longer ones give X12_ELIMIT. */
    X12_XOPT_MAX_SEGMENT_BYTES = 3
} x12_xml_option;

/* X12_EINVAL for an unknown option or a value out of range; X12_ESTATE
 * while a conversion is under way (after X12_AGAIN). */
X12_API x12_status x12_xml_set_option(x12_xml *x, x12_xml_option opt, uint64_t value);

/* ---- X12 -> XML ----------------------------------------------------------- */

/*
 * Reads every segment from `r` (opened by the caller, on any input, and not
 * read from yet: bytes already consumed would be missing, which gives
 * X12_ESYNTAX, rule "skipped") and
 * writes the XML document through `fn` (see <x12/writer.h>: write all the
 * bytes, return 0 on success), in pieces of at most 64 KiB (a longer value
 * goes in a piece of its own); before returning X12_AGAIN everything for
 * the input read so far has been written.  The layout is fixed: two spaces
 * of indentation per level and a line break after every end tag, or none
 * of either with X12_XOPT_INDENT 0.
 *   X12_OK     the whole input is in the document, which is complete.
 *   X12_AGAIN  `r` reads pushed input and needs more bytes: feed them and
 *              call again with the same reader and callback.
 *   X12_EIO    `fn` failed (rule "output").
 *   other      the reader could not tokenize some bytes (no ISA, a bad ISA,
 *              data after IEA that is not an ISA, a segment over the
 *              reader's limits) or memory ran out: x12_xml_last_error()
 *              is the reader's record, with its offset and segment number.
 *              The document written so far is left unfinished on purpose,
 *              so that it cannot be mistaken for the whole input.
 * Warnings and envelope errors the reader reports on a segment do not stop
 * the conversion (they are kept in the XML as they are); install a reader
 * error handler to see them.  The output depends only on the input bytes
 * and the options.
 */
X12_API x12_status x12_xml_write(x12_xml *x, x12_reader *r, x12_write_fn fn, void *user);
/* The same, writing with fwrite to `fp` (kept open by the caller, never
 * flushed or closed here). */
X12_API x12_status x12_xml_write_file(x12_xml *x, x12_reader *r, FILE *fp);

/* ---- XML -> X12 ----------------------------------------------------------- */

/* x12_read_fn, the input callback, is in <x12/common.h>. */

/*
 * Reads an XML document in the format above through `rd` and writes the X12
 * it describes through `fn`, whole segments at a time, in pieces of about
 * 64 KiB.  The parser is libxml2's SAX2 push parser fed in 16 KiB chunks.
 *   X12_OK        done; every byte was written.
 *   X12_ESYNTAX   the XML is not well-formed, or is not this format (unknown
 *                 element or attribute, <ele> numbers not increasing, text
 *                 where none belongs, a bad hex value, an interchange
 *                 without its ISA first ...).
 *   X12_EDELIM    a value holds a delimiter byte of its interchange, or the
 *                 ISA contradicts the interchange's delimiters.
 *   X12_ELIMIT    a segment is longer than X12_XOPT_MAX_SEGMENT_BYTES.
 *   X12_EIO       `rd` or `fn` failed.  X12_ENOMEM.
 * On an error x12_xml_last_error() says what, with the XML line and column
 * (x12_xml_error_line/_column), the number of the segment being built in
 * its interchange (ISA = 1), its id and element, and as offset the byte
 * offset in the X12 output where that segment starts.  What was written
 * before the error is incomplete and should be discarded.  The parser never
 * loads a DTD or external entity, and refuses a document that has a DTD.
 */
X12_API x12_status x12_xml_read(x12_xml *x, x12_read_fn rd, void *ruser, x12_write_fn fn,
                                void *wuser);
/* The same from `len` bytes at `data` (read only during the call). */
X12_API x12_status x12_xml_read_buffer(x12_xml *x, const void *data, size_t len,
                                       x12_write_fn fn, void *user);
/* The same from a stream the caller keeps open (stdin works), gzip detected
 * by its magic bytes, writing with fwrite to `out` (never flushed or closed
 * here). */
X12_API x12_status x12_xml_read_file(x12_xml *x, FILE *in, FILE *out);
/* The same from a file, gzip detected by its magic bytes.  X12_EIO when it
 * cannot be opened (errno is kept). */
X12_API x12_status x12_xml_read_path(x12_xml *x, const char *path, FILE *out);

/* ---- results ---------------------------------------------------------------- */

/* The error that made the last conversion fail, or NULL.  Owned by the
 * converter, valid until the next call on it.  Messages never quote values
 * from the data. */
X12_API const x12_error *x12_xml_last_error(const x12_xml *x);
/* Line and column (1-based) in the XML input of the last error; 0 when the
 * error is not about XML input. */
X12_API unsigned long x12_xml_error_line(const x12_xml *x);
X12_API unsigned long x12_xml_error_column(const x12_xml *x);
/* Segments converted by the last (or current) conversion. */
X12_API uint64_t x12_xml_segment_count(const x12_xml *x);

#ifdef __cplusplus
}
#endif

#endif /* X12_XML_H */
