package pipedrive

import (
	"errors"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/lead"
)

// maxDepth bounds the nesting of a value kept as raw JSON (a custom field,
// an unknown key): it may open maxDepth+1 arrays or objects, counted from
// the value itself.
const maxDepth = 512

// jsonKind names the JSON type that starts with c, for "want X, got Y".
func jsonKind(c byte) string {
	switch c {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return "number"
	}
	return "invalid JSON"
}

// typeError is the cause of a soft type error. Its text is the rule itself,
// so a FieldError prints "path: want number, got string"; it matches
// lead.ErrType with errors.Is.
type typeError struct{ msg string }

func (e *typeError) Error() string        { return e.msg }
func (e *typeError) Is(target error) bool { return target == lead.ErrType }

// decoders keeps decoders for reuse, with the memory their jsonwire
// decoders grew.
var decoders = sync.Pool{New: func() any { return new(decoder) }}

// decoder reads one document with a jsonwire.Decoder over buf, a private
// copy of the input: strings it returns point into buf, so a decoded Lead
// costs one copy of its bytes rather than one allocation per string.
//
// Soft errors are collected in errs with their full path and never handed
// to jsonwire. A hard error is recorded once, in hard, by the innermost
// reader that sees it, with the path Pipedrive reports: the field whose
// value is malformed, or the object or array whose punctuation is.
type decoder struct {
	dec   jsonwire.Decoder
	buf   []byte
	level int            // objects and arrays open in the document
	errs  lead.ErrorList // soft errors: the value was skipped, decoding went on
	hard  *lead.FieldError
}

// newDecoder returns a decoder over buf from the pool; release returns it.
func newDecoder(buf []byte) *decoder {
	d := decoders.Get().(*decoder)
	d.dec.Reset(buf)
	d.buf = buf
	return d
}

// release returns d to the pool. The errors and strings it handed out
// stay valid: d forgets them.
func (d *decoder) release() {
	d.dec.Reset(nil)
	d.buf, d.level, d.errs, d.hard = nil, 0, nil, nil
	decoders.Put(d)
}

// rootPath is how a hard error names the top of the document.
func rootPath(path string) string {
	if path == "" {
		return "(root)"
	}
	return path
}

// setHard records err, a hard error, at path unless one is recorded.
func (d *decoder) setHard(path string, err error) {
	if d.hard != nil {
		return
	}
	var fe *lead.FieldError
	if !errors.As(err, &fe) {
		fe = &lead.FieldError{Rule: "malformed", Err: err}
	}
	d.hard = &lead.FieldError{Path: rootPath(path), Rule: fe.Rule, Err: fe.Err}
}

// malformed records and returns a hard error of Pipedrive's own at the
// current offset.
func (d *decoder) malformed(path, msg string) error {
	d.setHard(path, &lead.FieldError{Rule: msg + " at offset " + strconv.Itoa(d.dec.Offset()), Err: lead.ErrMalformed})
	return d.hard
}

// errOffset returns the byte offset a hard error's rule names.
func errOffset(err error) (int, bool) {
	var fe *lead.FieldError
	if !errors.As(err, &fe) {
		return 0, false
	}
	i := strings.LastIndex(fe.Rule, " at offset ")
	if i < 0 {
		return 0, false
	}
	n, perr := strconv.Atoi(fe.Rule[i+len(" at offset "):])
	return n, perr == nil
}

// tokenEnds reports whether a complete number or literal starting at start
// ends at off. jsonwire rejects the byte that follows such a token; that
// byte is a fault of the enclosing object or array, which reports it.
func (d *decoder) tokenEnds(start, off int) bool {
	if start >= len(d.buf) || off > len(d.buf) || off <= start {
		return false
	}
	lit := ""
	switch c := d.buf[start]; c {
	case 't':
		lit = "true"
	case 'f':
		lit = "false"
	case 'n':
		lit = "null"
	default:
		if c != '-' && (c < '0' || c > '9') {
			return false
		}
		last := d.buf[off-1]
		return last >= '0' && last <= '9'
	}
	return off-start == len(lit) && string(d.buf[start:off]) == lit
}

// valueErr records a hard error met while reading the value at start for
// path. A duplicate key inside the value is named after the value and the
// key.
func (d *decoder) valueErr(path string, start int, err error) {
	if d.hard != nil || !jsonwire.IsHard(err) {
		return
	}
	off, ok := errOffset(err)
	if ok && d.tokenEnds(start, off) {
		return
	}
	var fe *lead.FieldError
	if ok && errors.As(err, &fe) && strings.HasPrefix(fe.Rule, "duplicate key") && off < len(d.buf) {
		if k, kerr := jsonwire.NewDecoder(d.buf[off:]).String(); kerr == nil {
			path = lead.JoinPath(path, k)
		}
	}
	d.setHard(path, err)
}

// start skips white space and returns the kind and offset of the next
// value.
func (d *decoder) start() (jsonwire.Kind, int) {
	k := d.dec.Peek()
	return k, d.dec.Offset()
}

// typeErr records a soft type error for the value at off.
func (d *decoder) typeErr(path, want string, off int) {
	got := "invalid JSON"
	if off < len(d.buf) {
		got = jsonKind(d.buf[off])
	}
	rule := "want " + want + ", got " + got
	d.errs = append(d.errs, &lead.FieldError{Path: path, Rule: rule, Err: &typeError{rule}})
}

func (d *decoder) invalid(path, rule string) {
	d.errs = append(d.errs, &lead.FieldError{Path: path, Rule: rule, Err: lead.ErrInvalid})
}

// raw checks one value of any type and returns its exact text.
func (d *decoder) raw(path string) ([]byte, error) {
	_, start := d.start()
	d.dec.SetMaxDepth(d.level + maxDepth + 1)
	b, err := d.dec.Raw()
	if err != nil {
		d.valueErr(path, start, err)
	}
	return b, err
}

// softSkip records a type error for path and skips the value.
func (d *decoder) softSkip(path, want string) error {
	_, off := d.start()
	d.typeErr(path, want, off)
	_, err := d.raw(path)
	return err
}

// object reads the members of the object at path; member must consume the
// value. jsonwire rejects duplicate keys before member sees them.
func (d *decoder) object(path string, member func(key []byte) error) error {
	d.level++
	err := d.dec.Object(member)
	d.level--
	if err != nil && d.hard == nil {
		var fe *lead.FieldError
		if errors.As(err, &fe) && strings.HasPrefix(fe.Rule, "duplicate key") {
			path = lead.JoinPath(path, fe.Path)
		}
		d.setHard(path, err)
	}
	return err
}

// array reads the elements of the array at path; elem must consume the
// value.
func (d *decoder) array(path string, elem func(i int) error) error {
	d.level++
	err := d.dec.Array(elem)
	d.level--
	if err != nil && d.hard == nil {
		d.setHard(path, err)
	}
	return err
}

// end checks that nothing but white space follows the document.
func (d *decoder) end() error {
	err := d.dec.End()
	if err != nil {
		d.setHard("", err)
	}
	return err
}

// isNull consumes a null and reports whether there was one; a malformed
// literal starting with 'n' counts as null and returns its hard error.
func (d *decoder) isNull(path string) (bool, error) {
	if d.dec.Null() {
		return true, nil
	}
	if k, _ := d.start(); k != jsonwire.Null {
		return false, nil
	}
	_, err := d.raw(path)
	return true, err
}

// str returns b as a string, without a copy when b lies in buf.
func (d *decoder) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	base := uintptr(unsafe.Pointer(unsafe.SliceData(d.buf)))
	if p >= base && p-base < uintptr(len(d.buf)) {
		return unsafe.String(&b[0], len(b))
	}
	return string(b)
}

// stringValue reads a string for path; the caller has checked the kind.
func (d *decoder) stringValue(path string) (string, error) {
	_, start := d.start()
	b, err := d.dec.StringBytes()
	if err != nil {
		d.valueErr(path, start, err)
		return "", err
	}
	return d.str(b), nil
}

// number reads a number for path and returns its text; the caller has
// checked the kind. When the number is complete but followed by a byte
// that cannot follow it, number returns the number's text with the hard
// error.
func (d *decoder) number(path string) ([]byte, error) {
	_, start := d.start()
	b, err := d.dec.Number()
	if err != nil {
		if off, ok := errOffset(err); ok && d.tokenEnds(start, off) {
			return d.buf[start:off:off], err
		}
		d.valueErr(path, start, err)
	}
	return b, err
}

func (d *decoder) stringField(path string, p *Patch[string]) error {
	if null, err := d.isNull(path); null || err != nil {
		*p = Null[string]()
		return err
	}
	if k, _ := d.start(); k != jsonwire.String {
		return d.softSkip(path, "string")
	}
	s, err := d.stringValue(path)
	if err != nil {
		return err
	}
	*p = Set(s)
	return nil
}

// parseInt parses the text of a JSON integer that fits an int64.
func parseInt(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 20 {
		return 0, false
	}
	n, err := strconv.ParseInt(unsafe.String(&b[0], len(b)), 10, 64)
	return n, err == nil
}

func (d *decoder) intField(path string, p *Patch[int64]) error {
	if null, err := d.isNull(path); null || err != nil {
		*p = Null[int64]()
		return err
	}
	if k, _ := d.start(); k != jsonwire.Number {
		return d.softSkip(path, "integer")
	}
	b, err := d.number(path)
	if len(b) == 0 {
		return err
	}
	n, ok := parseInt(b)
	if !ok || (n == 0 && b[0] == '-') {
		d.invalid(path, "want an integer id")
		return err
	}
	*p = Set(n)
	return err
}

func (d *decoder) boolField(path string, p *Patch[bool]) error {
	if null, err := d.isNull(path); null || err != nil {
		*p = Null[bool]()
		return err
	}
	k, start := d.start()
	if k != jsonwire.Bool {
		return d.softSkip(path, "boolean")
	}
	v, err := d.dec.Bool()
	if err != nil {
		d.valueErr(path, start, err)
		return err
	}
	*p = Set(v)
	return nil
}
