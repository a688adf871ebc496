package stream

import (
	"fmt"
	"strconv"

	"github.com/leadbridge/leadbridge/lead"
)

// A SyntaxError is the cause behind a framing error: the byte the scanner
// did not expect and where it was. It wraps lead.ErrMalformed. Its message
// quotes the offending byte, so it only ever appears as the Err of a
// lead.FieldError, which FieldError.Redacted leaves out.
type SyntaxError struct {
	Char   byte  // the offending byte
	Line   int   // its 1-based line
	Offset int64 // its byte offset in the input
}

// Error returns "malformed JSON: found 'x' on line N".
func (e *SyntaxError) Error() string {
	return lead.ErrMalformed.Error() + ": found " + quoteChar(e.Char) + " on line " + strconv.Itoa(e.Line)
}

// Unwrap returns lead.ErrMalformed.
func (e *SyntaxError) Unwrap() error { return lead.ErrMalformed }

// An EnvelopeError is the cause behind a rejected error envelope:
// Pipedrive's {"success":false,"error":...,"error_info":...} or Copper's
// {"success":false,"status":...,"message":...}. It wraps lead.ErrInvalid.
type EnvelopeError struct {
	Message string // the envelope's "error" (Pipedrive) or "message" (Copper)
	Info    string // the envelope's "error_info"
}

// Error returns the API's error text, or "API error" when it sent none.
func (e *EnvelopeError) Error() string {
	switch {
	case e.Message == "" && e.Info == "":
		return "API error"
	case e.Info == "":
		return e.Message
	case e.Message == "":
		return e.Info
	}
	return e.Message + " (" + e.Info + ")"
}

// Unwrap returns lead.ErrInvalid.
func (e *EnvelopeError) Unwrap() error { return lead.ErrInvalid }

// A TooLargeError is the cause behind a record larger than
// Options.MaxRecordBytes. It wraps lead.ErrInvalid: the record may well be
// well-formed JSON.
type TooLargeError struct {
	Limit int // the size limit, in bytes
}

// Error returns "record exceeds the limit of N bytes".
func (e *TooLargeError) Error() string {
	return "record exceeds the limit of " + strconv.Itoa(e.Limit) + " bytes"
}

// Unwrap returns lead.ErrInvalid.
func (e *TooLargeError) Unwrap() error { return lead.ErrInvalid }

func quoteChar(c byte) string {
	if c == '\'' {
		return `'\''`
	}
	if c >= 0x20 && c < 0x7f {
		return "'" + string(rune(c)) + "'"
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

// syntaxErr returns the error for an unexpected byte; context completes
// "invalid character ...".
func syntaxErr(context string, c byte, line int, off int64) error {
	return &lead.FieldError{
		Rule: "invalid character " + context,
		Err:  &SyntaxError{Char: c, Line: line, Offset: off},
	}
}

func truncatedErr(what string) error {
	rule := "unexpected end of input"
	if what != "" {
		rule += ": " + what + " not closed"
	}
	return &lead.FieldError{Rule: rule, Err: lead.ErrMalformed}
}

func tooLargeErr(max int) error {
	return &lead.FieldError{Rule: "max-record-bytes=" + strconv.Itoa(max), Err: &TooLargeError{Limit: max}}
}

func tooDeepErr() error {
	return &lead.FieldError{Rule: "max-depth=" + strconv.Itoa(maxDepth), Err: lead.ErrMalformed}
}

func framingErr(rule string) error {
	return &lead.FieldError{Rule: rule, Err: lead.ErrMalformed}
}

func typeErr(path string, want string, first byte) error {
	return &lead.FieldError{Path: path, Rule: "want " + want + ", got " + kindOf(first), Err: lead.ErrType}
}

// kindOf names the JSON type of a value from its first byte.
func kindOf(c byte) string {
	switch c {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}
