// Package jsonwire is the strict, single-pass JSON reader and the
// append-style JSON writer that the vendor adapters use instead of
// encoding/json.
//
// A [Decoder] walks one document in place. [Decoder.Object] hands each key
// to a callback, which reads the value with a typed reader ([Decoder.String],
// [Decoder.Int64], [Decoder.Raw], ...) or leaves it to be skipped; unknown
// keys are therefore seen, never dropped, in the same pass that decodes the
// known ones. Known fields decode without allocating: keys and strings
// without escapes alias the input.
//
// # What it accepts
//
// Exactly the JSON grammar of RFC 8259, and less:
//
//   - Keys are compared byte for byte after unescaping: "a" and "\u0061" are
//     the same key, "TITLE" and "title" are not. A key that appears twice in
//     one object is an error.
//   - Strings must be valid UTF-8. A \uD800–\uDBFF escape must be followed by
//     a \uDC00–\uDFFF escape; any other surrogate escape is a lone surrogate
//     and an error. Control characters (below U+0020) must be escaped.
//   - Numbers follow the JSON grammar: no leading '+', no leading zeros, no
//     NaN or Infinity; "-0" is valid.
//   - Whitespace is space, tab, newline and carriage return only.
//   - Objects and arrays nest at most [DefaultMaxDepth] deep (see
//     [Decoder.SetMaxDepth]); deeper input is an error, never a stack
//     overflow.
//
// # Errors
//
// Every error is a *[lead.FieldError] or a [lead.ErrorList] whose paths name
// the place in the document, built on the way out: [Decoder.Object] puts the
// key in front ("value.amount"), [Decoder.Array] the index
// ("label_ids[1]"). Errors come in two strengths:
//
//   - Hard errors wrap [lead.ErrMalformed]: the input is not well-formed
//     (syntax, invalid UTF-8, lone surrogate, duplicate key, too deep) and
//     decoding cannot continue. The rule names the byte offset:
//     "invalid character 'x' at offset 17". A hard error is always a single
//     *lead.FieldError, and once one occurs every reader returns it again.
//   - Soft errors are everything else: a typed reader that meets the wrong
//     kind of value returns "want number, got string" wrapping
//     [lead.ErrType], and an integer reader that meets "1.5" returns "want
//     integer" wrapping [lead.ErrInvalid]. The value is skipped, so decoding
//     goes on. Object and Array collect the soft errors of their callbacks
//     and return them all at the end as a lead.ErrorList in document order.
//
// [IsHard] tells the two apart. Rules never quote a value; a syntax error
// names at most the one unexpected character ("'x'") or byte ("0xff").
//
// # Writing
//
// [AppendString], [AppendKey], [AppendInt] and the other Append functions
// write JSON tokens to a byte slice. Strings are escaped minimally: quote,
// backslash, control characters, U+2028 and U+2029; '<', '>' and '&' are
// written as they are, and invalid UTF-8 becomes U+FFFD. [Compact] and
// [Equal] work on whole documents.
package jsonwire
