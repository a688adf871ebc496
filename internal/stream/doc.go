// Package stream splits a stream of JSON records into the bytes of each
// record, with bounded memory, without decoding them.
//
// A [Splitter] reads one input and emits its records in order. The input's
// shape is detected from its first non-whitespace bytes (after an optional
// UTF-8 byte order mark); nothing is configured:
//
//   - a single JSON object: one record;
//   - a JSON array: one record per element, streamed element by element;
//   - NDJSON, or any sequence of top-level values: one record per object
//     (blank lines are ignored), one per element of a top-level array;
//   - a Pipedrive API envelope, {"success":true,"data":...}: one record per
//     element of "data" when it is an array, the object when it is one, none
//     when it is null. The envelope itself, "additional_data" included, is
//     not a record. When "success" comes before "data", as Pipedrive sends
//     it, the data array is streamed; otherwise the envelope is read whole
//     and is subject to the record size limit;
//   - an error envelope, {"success":false,...}: one rejected record that
//     carries the API's error text.
//
// A record is located by scanning bytes: strings and escapes are skipped,
// brackets are counted, and the structure between tokens is checked (a
// missing comma or colon is caught), but scalars are not validated and no
// values are built. A record that passes is a balanced JSON value whose
// bytes a decoder must still check.
//
// Every problem is a record, never a dropped byte range: each [Record] with
// a non-nil Err is one rejected record. Errors are *lead.FieldError values
// whose Rule never quotes the input (the offending character, when there
// is one, is in the wrapped cause, which FieldError.Redacted leaves out):
//
//	(root): want object, got number: wrong JSON type
//	(root): invalid character after object key:value pair: malformed JSON: found '{' on line 2
//	(root): unexpected end of input: malformed JSON
//	(root): max-record-bytes=16777216: record exceeds the limit of 16777216 bytes
//	(root): error envelope: Lead not found
//
// After a broken record the splitter resynchronises: in a top-level sequence
// at the next line (so one bad NDJSON line costs only that line), in an
// array at the next element of the same array. When the first object of a
// top-level sequence ends on the line it began on, the input is taken for
// NDJSON: from then on a record must end on its line, so a line cut short
// cannot swallow the next one. Otherwise objects may span lines (a
// pretty-printed object, or several), and a broken one ends at the end of
// the line where the break is found, or before a line that opens with a
// bracket. A record longer than the
// size limit is consumed without being kept and rejected; the element or
// line after it is read normally.
//
// Memory is bounded by the size limit plus the read buffer, whatever the
// length of the input.
package stream
