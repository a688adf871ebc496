package jsonwire

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/maphash"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/leadbridge/leadbridge/lead"
)

// DefaultMaxDepth is how deeply objects and arrays may nest unless
// [Decoder.SetMaxDepth] says otherwise. The document root counts as the
// first level: a depth of 64 allows 64 open brackets.
const DefaultMaxDepth = 64

// A Kind is the kind of a JSON value, as its first byte tells it.
type Kind uint8

// The kinds of JSON values. Invalid stands for the end of the input or a
// byte that starts no value.
const (
	Invalid Kind = iota
	Null
	Bool
	Number
	String
	Object
	Array
)

var kindNames = [...]string{"invalid", "null", "bool", "number", "string", "object", "array"}

// String returns the kind's name as error rules use it: "null", "bool",
// "number", "string", "object", "array" or "invalid".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid"
}

// kindOf maps the first byte of a value to its kind.
var kindOf = [256]Kind{
	'n': Null, 't': Bool, 'f': Bool, '"': String, '{': Object, '[': Array,
	'-': Number, '0': Number, '1': Number, '2': Number, '3': Number, '4': Number,
	'5': Number, '6': Number, '7': Number, '8': Number, '9': Number,
}

// isSpace holds the four whitespace bytes of RFC 8259.
var isSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

// isDelim holds the bytes that may follow a number or a literal.
var isDelim = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, ',': true, ']': true, '}': true}

// hashSeed keys the hash of object keys; it is set once at start-up.
var hashSeed = maphash.MakeSeed()

// bigObject is the number of keys from which an object's duplicate check
// switches from a linear scan to a hash table.
const bigObject = 32

// A Decoder reads one JSON document held in memory, one value at a time,
// from the first byte to the last. It is meant to be reused with
// [Decoder.Reset]: after the first few documents it decodes without
// allocating, except where a reader's result must own its bytes
// ([Decoder.String]) and on errors. After a hard error every reader
// returns that error again until Reset. The zero Decoder reads an empty
// document with the default depth limit. A Decoder is not safe for
// concurrent use.
type Decoder struct {
	data     []byte
	pos      int
	depth    int // open Object and Array calls
	maxDepth int // 0 means DefaultMaxDepth
	err      *lead.FieldError

	keys    []keyEntry // keys of the open objects, innermost object last
	arena   []byte     // unescaped keys of the open objects
	table   []int32    // hash tables of open objects with many keys
	frames  []frame    // containers open inside skipValue
	scratch []byte     // the unescaped string StringBytes returned last
}

// A keyEntry is one key of an open object: its signature or hash (see
// keySet) and where its bytes are, in the input or, when the key had
// escapes, in the arena.
type keyEntry struct {
	hash    uint64
	off, n  int
	inArena bool
}

// A keySet is the bookkeeping of one open object for the duplicate check.
// Its keys are d.keys[base:]. Small objects are checked by a linear scan
// guarded by a 256-bit filter of key signatures; objects with bigObject
// keys or more by an open-addressing table of seeded hashes at
// d.table[tabOff:tabOff+tabSize]. The sets of nested objects form a stack,
// so only the innermost one ever grows.
type keySet struct {
	base, arenaBase int
	tabOff, tabSize int
	filter          [4]uint64
}

// A frame is a container open inside skipValue.
type frame struct {
	obj   bool
	index int // array: element index; object: d.keys index of the current key, or -1
	keys  keySet
}

// NewDecoder returns a Decoder reading data. The Decoder does not copy
// data; results that alias the input are valid as long as data is.
func NewDecoder(data []byte) *Decoder {
	d := new(Decoder)
	d.Reset(data)
	return d
}

// Reset makes d read data from the start, keeping its depth limit and the
// memory it has grown.
func (d *Decoder) Reset(data []byte) {
	d.data = data
	d.pos = 0
	d.depth = 0
	d.err = nil
	d.keys = d.keys[:0]
	d.arena = d.arena[:0]
	d.table = d.table[:0]
	d.frames = d.frames[:0]
	d.scratch = d.scratch[:0]
}

// SetMaxDepth sets how deeply objects and arrays may nest; n <= 0 restores
// [DefaultMaxDepth]. Deeper input is a hard error.
func (d *Decoder) SetMaxDepth(n int) {
	d.maxDepth = max(n, 0)
}

func (d *Decoder) limit() int {
	if d.maxDepth == 0 {
		return DefaultMaxDepth
	}
	return d.maxDepth
}

// Offset returns the byte offset of the next byte d will read.
func (d *Decoder) Offset() int { return d.pos }

// Peek skips whitespace and returns the kind of the next value, or Invalid
// at the end of the input, on a byte that starts no value, or after a hard
// error. It consumes nothing but whitespace.
func (d *Decoder) Peek() Kind {
	if d.err != nil {
		return Invalid
	}
	d.pos = skipSpace(d.data, d.pos)
	if d.pos >= len(d.data) {
		return Invalid
	}
	return kindOf[d.data[d.pos]]
}

// IsHard reports whether err is a hard error: one that wraps
// lead.ErrMalformed, after which the document cannot be read further.
func IsHard(err error) bool { return errors.Is(err, lead.ErrMalformed) }

// Object reads an object and calls fn for each member, in document order,
// with the unescaped key. The key is valid only until fn returns, and fn
// must not modify it: it may alias the input. fn reads
// the value with one of d's readers; if it returns without having read
// anything, Object skips the value.
//
// When fn returns a soft error, Object records it with the key in front of
// its path, makes sure the value was consumed, and goes on; at the end it
// returns the soft errors of all members as a lead.ErrorList, or nil. When
// fn returns a hard error, Object returns it at once, with the key in front
// of its path. An error fn returns that is neither a *lead.FieldError nor a
// lead.ErrorList is recorded as a soft error with rule "invalid", unless it
// wraps lead.ErrMalformed.
//
// A value that is not an object is skipped and gives the soft error
// "want object, got string" (or the kind found).
func (d *Decoder) Object(fn func(key []byte) error) error {
	i, err := d.begin(Object)
	if err != nil {
		return err
	}
	data := d.data
	// Rule: objects and arrays nest at most limit() deep.
	if d.depth >= d.limit() {
		return d.tooDeep(i)
	}
	d.depth++
	var ks keySet
	d.openObject(&ks)
	var soft lead.ErrorList
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		d.pos = i + 1
		d.depth--
		d.closeObject(&ks)
		return nil
	}
	for {
		// Rule: a member starts with a string key.
		if i >= len(data) || data[i] != '"' {
			return d.syntax(i)
		}
		end, esc, err := d.scanString(i)
		if err != nil {
			return err
		}
		key, dup := d.addKey(&ks, i+1, end-1, esc)
		if dup {
			// Rule: a key appears at most once in an object.
			return d.failAt(string(key), i, "duplicate key")
		}
		i = skipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return d.propagate(string(key), d.syntax(i))
		}
		i = skipSpace(data, i+1)
		d.pos = i
		err = fn(key)
		if d.err != nil {
			// fn met a hard error; whatever it returned, decoding stops.
			return d.propagate(string(key), d.err)
		}
		if err != nil {
			if IsHard(err) {
				return d.propagate(string(key), err)
			}
			soft.Append(string(key), err)
		}
		if d.pos == i {
			if err := d.skipAt(i); err != nil {
				return d.propagate(string(key), err)
			}
		}
		i = skipSpace(data, d.pos)
		if i >= len(data) || data[i] != ',' && data[i] != '}' {
			// The member before the bad byte names the place.
			return d.propagate(string(key), d.syntax(i))
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case '}':
			d.pos = i + 1
			d.depth--
			d.closeObject(&ks)
			if len(soft) == 0 {
				return nil
			}
			return soft
		}
	}
}

// Array reads an array and calls fn for each element with its index. fn
// reads the element with one of d's readers; if it returns without having
// read anything, Array skips the element. Errors are handled as in
// [Decoder.Object], with "[i]" in front of the path.
//
// A value that is not an array is skipped and gives the soft error
// "want array, got object" (or the kind found).
func (d *Decoder) Array(fn func(i int) error) error {
	i, err := d.begin(Array)
	if err != nil {
		return err
	}
	data := d.data
	// Rule: objects and arrays nest at most limit() deep.
	if d.depth >= d.limit() {
		return d.tooDeep(i)
	}
	d.depth++
	var soft lead.ErrorList
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == ']' {
		d.pos = i + 1
		d.depth--
		return nil
	}
	for n := 0; ; n++ {
		d.pos = i
		err := fn(n)
		if d.err != nil {
			return d.propagate(lead.IndexPath(n), d.err)
		}
		if err != nil {
			if IsHard(err) {
				return d.propagate(lead.IndexPath(n), err)
			}
			soft.Append(lead.IndexPath(n), err)
		}
		if d.pos == i {
			if err := d.skipAt(i); err != nil {
				return d.propagate(lead.IndexPath(n), err)
			}
		}
		i = skipSpace(data, d.pos)
		if i >= len(data) || data[i] != ',' && data[i] != ']' {
			// The element before the bad byte names the place.
			return d.propagate(lead.IndexPath(n), d.syntax(i))
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case ']':
			d.pos = i + 1
			d.depth--
			if len(soft) == 0 {
				return nil
			}
			return soft
		}
	}
}

// Null consumes a null and reports true, or reports false and consumes
// nothing.
func (d *Decoder) Null() bool {
	if d.err != nil {
		return false
	}
	i := skipSpace(d.data, d.pos)
	if i+4 <= len(d.data) && string(d.data[i:i+4]) == "null" && (i+4 == len(d.data) || isDelim[d.data[i+4]]) {
		d.pos = i + 4
		return true
	}
	return false
}

// String reads a string and returns it unescaped, in newly allocated
// memory. Any other value is skipped and gives a soft error.
func (d *Decoder) String() (string, error) {
	b, err := d.StringBytes()
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// StringBytes reads a string and returns it unescaped without allocating:
// the result aliases the input when the string has no escapes, and d's
// scratch buffer otherwise, which the next call to StringBytes or String
// overwrites. Any other value is skipped and gives a soft error.
func (d *Decoder) StringBytes() ([]byte, error) {
	i, err := d.begin(String)
	if err != nil {
		return nil, err
	}
	end, esc, err := d.scanString(i)
	if err != nil {
		return nil, err
	}
	d.pos = end
	if !esc {
		return d.data[i+1 : end-1 : end-1], nil
	}
	d.scratch = appendUnescaped(d.scratch[:0], d.data[i+1:end-1])
	return d.scratch, nil
}

// Number reads a number and returns its text, checked against the JSON
// grammar. The result aliases the input. Any other value is skipped and
// gives a soft error.
func (d *Decoder) Number() ([]byte, error) {
	i, err := d.begin(Number)
	if err != nil {
		return nil, err
	}
	end, err := d.scanNumber(i)
	if err != nil {
		return nil, err
	}
	d.pos = end
	return d.data[i:end:end], nil
}

// Int64 reads a number that is an integer in the range of int64. A number
// with a fraction or an exponent gives the soft error "want integer", one
// out of range "out of int64 range"; both wrap lead.ErrInvalid and
// consume the number. Any other value is skipped and gives a soft
// ErrType error.
func (d *Decoder) Int64() (int64, error) {
	num, err := d.Number()
	if err != nil {
		return 0, err
	}
	neg := num[0] == '-'
	digits := num
	if neg {
		digits = num[1:]
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			// Rule: an integer has neither fraction nor exponent.
			return 0, &lead.FieldError{Rule: "want integer", Err: lead.ErrInvalid}
		}
	}
	// Rule: the value fits in int64. Twenty digits or more never do; fewer
	// cannot overflow uint64.
	if len(digits) > 19 {
		return 0, &lead.FieldError{Rule: "out of int64 range", Err: lead.ErrInvalid}
	}
	var u uint64
	for _, c := range digits {
		u = u*10 + uint64(c-'0')
	}
	switch {
	case neg && u <= 1<<63:
		return -int64(u-1) - 1, nil
	case !neg && u <= math.MaxInt64:
		return int64(u), nil
	}
	return 0, &lead.FieldError{Rule: "out of int64 range", Err: lead.ErrInvalid}
}

// Bool reads true or false. Any other value is skipped and gives a soft
// error.
func (d *Decoder) Bool() (bool, error) {
	i, err := d.begin(Bool)
	if err != nil {
		return false, err
	}
	lit := "false"
	if d.data[i] == 't' {
		lit = "true"
	}
	end, err := d.literal(i, lit)
	if err != nil {
		return false, err
	}
	d.pos = end
	return lit == "true", nil
}

// Raw checks one value of any kind and returns its exact bytes, from its
// first to its last byte. The result aliases the input. Raw applies every
// rule Object and Array do: UTF-8, surrogates, duplicate keys, depth.
func (d *Decoder) Raw() ([]byte, error) {
	if d.err != nil {
		return nil, d.err
	}
	i := skipSpace(d.data, d.pos)
	if err := d.skipAt(i); err != nil {
		return nil, err
	}
	return d.data[i:d.pos:d.pos], nil
}

// Skip checks one value of any kind and moves past it, as Raw does.
func (d *Decoder) Skip() error {
	_, err := d.Raw()
	return err
}

// End checks that only whitespace remains after the values read so far;
// anything else is a hard error.
func (d *Decoder) End() error {
	if d.err != nil {
		return d.err
	}
	i := skipSpace(d.data, d.pos)
	if i < len(d.data) {
		return d.syntax(i)
	}
	d.pos = i
	return nil
}

// begin skips whitespace and checks that the next value is of kind want.
// It returns the value's offset, or an error: hard for the end of the
// input or a byte that starts no value, soft "want X, got Y" after
// skipping a value of another kind.
func (d *Decoder) begin(want Kind) (int, error) {
	if d.err != nil {
		return 0, d.err
	}
	i := skipSpace(d.data, d.pos)
	d.pos = i
	if i >= len(d.data) {
		return 0, d.syntax(i)
	}
	got := kindOf[d.data[i]]
	if got == want {
		return i, nil
	}
	if got == Invalid {
		return 0, d.syntax(i)
	}
	if err := d.skipAt(i); err != nil {
		return 0, err
	}
	// Rule: a reader takes only its own kind of value.
	return 0, &lead.FieldError{Rule: "want " + want.String() + ", got " + got.String(), Err: lead.ErrType}
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && isSpace[data[i]] {
		i++
	}
	return i
}

// fail records and returns a hard error at offset off.
func (d *Decoder) fail(off int, what string) error {
	return d.failAt("", off, what)
}

func (d *Decoder) failAt(path string, off int, what string) error {
	d.err = &lead.FieldError{Path: path, Rule: what + " at offset " + strconv.Itoa(off), Err: lead.ErrMalformed}
	return d.err
}

// syntax returns the hard error for an unexpected byte at offset i, or for
// the end of the input when i is past it.
func (d *Decoder) syntax(i int) error {
	if i >= len(d.data) {
		return d.fail(len(d.data), "unexpected end of input")
	}
	c := d.data[i]
	if c >= 0x20 && c < 0x7f {
		return d.fail(i, "invalid character "+strconv.QuoteRune(rune(c)))
	}
	return d.fail(i, "invalid byte 0x"+strconv.FormatUint(uint64(c)>>4, 16)+strconv.FormatUint(uint64(c)&15, 16))
}

func (d *Decoder) tooDeep(i int) error {
	return d.fail(i, "nesting deeper than "+strconv.Itoa(d.limit()))
}

// propagate returns the hard error inside err with prefix in front of its
// path, and makes it the error every later call returns.
func (d *Decoder) propagate(prefix string, err error) error {
	fe := hardOf(err)
	d.err = &lead.FieldError{Path: lead.JoinPath(prefix, fe.Path), Rule: fe.Rule, Err: fe.Err}
	return d.err
}

// hardOf returns the first FieldError in err that wraps lead.ErrMalformed,
// or a new one around err.
func hardOf(err error) *lead.FieldError {
	var list lead.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			if errors.Is(e, lead.ErrMalformed) {
				return e
			}
		}
	}
	var fe *lead.FieldError
	if errors.As(err, &fe) && errors.Is(fe, lead.ErrMalformed) {
		return fe
	}
	return &lead.FieldError{Rule: "malformed", Err: err}
}

// scanString checks the string that starts with the quote at offset i and
// returns the offset just past its closing quote and whether it has
// escapes.
func (d *Decoder) scanString(i int) (int, bool, error) {
	data := d.data
	esc := false
	i++
	for {
		// Eight bytes at a time while none needs a closer look.
		for i+8 <= len(data) {
			if m := specialBytes(binary.LittleEndian.Uint64(data[i:])); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		if i >= len(data) {
			return 0, false, d.syntax(i)
		}
		switch c := data[i]; {
		case c == '"':
			return i + 1, esc, nil
		case c == '\\':
			n, err := d.scanEscape(i)
			if err != nil {
				return 0, false, err
			}
			esc = true
			i += n
		case c < 0x20:
			// Rule: control characters inside strings must be escaped.
			return 0, false, d.fail(i, "control character in string")
		case c < utf8.RuneSelf:
			i++
		default:
			// Rule: strings are valid UTF-8.
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				if !utf8.FullRune(data[i:]) {
					return 0, false, d.syntax(len(data))
				}
				return 0, false, d.fail(i, "invalid UTF-8")
			}
			i += size
		}
	}
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// specialBytes flags, in the high bit of each byte of w, the bytes a
// string scan must look at: controls, '"', '\\' and non-ASCII bytes. The
// lowest flag is exact; flags above it may be false.
func specialBytes(w uint64) uint64 {
	q := w ^ (lsb * '"')
	b := w ^ (lsb * '\\')
	return ((w-lsb*0x20)&^w | (q-lsb)&^q | (b-lsb)&^b | w) & msb
}

// scanEscape checks the escape at offset i and returns its length.
func (d *Decoder) scanEscape(i int) (int, error) {
	data := d.data
	if i+1 >= len(data) {
		return 0, d.syntax(i + 1)
	}
	switch data[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2, nil
	case 'u':
	default:
		return 0, d.fail(i, "invalid escape")
	}
	r, err := d.hex4(i + 2)
	if err != nil {
		return 0, err
	}
	switch {
	case r >= 0xDC00 && r < 0xE000:
		// Rule: a low surrogate must follow a high one.
		return 0, d.fail(i, "lone surrogate")
	case r >= 0xD800 && r < 0xDC00:
		// Rule: a high surrogate must be followed by a low one.
		j := i + 6
		if j+1 >= len(data) && (j >= len(data) || data[j] == '\\') {
			return 0, d.syntax(len(data))
		}
		if data[j] != '\\' || data[j+1] != 'u' {
			return 0, d.fail(i, "lone surrogate")
		}
		r2, err := d.hex4(j + 2)
		if err != nil {
			return 0, err
		}
		if r2 < 0xDC00 || r2 >= 0xE000 {
			return 0, d.fail(i, "lone surrogate")
		}
		return 12, nil
	}
	return 6, nil
}

// hex4 reads the four hex digits at offset i.
func (d *Decoder) hex4(i int) (rune, error) {
	var r rune
	for j := i; j < i+4; j++ {
		if j >= len(d.data) {
			return 0, d.syntax(j)
		}
		v := unhex(d.data[j])
		if v < 0 {
			return 0, d.syntax(j)
		}
		r = r<<4 | v
	}
	return r, nil
}

func unhex(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return -1
}

// appendUnescaped appends the content of a string that scanString has
// checked, with its escapes resolved.
func appendUnescaped(dst, s []byte) []byte {
	for {
		k := bytes.IndexByte(s, '\\')
		if k < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:k]...)
		s = s[k:]
		switch c := s[1]; c {
		case 'u':
			r := hexValue(s[2:6])
			n := 6
			if utf16.IsSurrogate(r) {
				r = utf16.DecodeRune(r, hexValue(s[8:12]))
				n = 12
			}
			dst = utf8.AppendRune(dst, r)
			s = s[n:]
			continue
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		default: // '"', '\\', '/'
			dst = append(dst, c)
		}
		s = s[2:]
	}
}

func hexValue(b []byte) rune {
	return unhex(b[0])<<12 | unhex(b[1])<<8 | unhex(b[2])<<4 | unhex(b[3])
}

// scanNumber checks the number that starts at offset i and returns the
// offset just past it.
func (d *Decoder) scanNumber(i int) (int, error) {
	data := d.data
	if data[i] == '-' {
		i++
	}
	// Rule: the integer part is 0 or starts with 1-9.
	switch {
	case i >= len(data):
		return 0, d.syntax(i)
	case data[i] == '0':
		i++
	case '1' <= data[i] && data[i] <= '9':
		i = skipDigits(data, i+1)
	default:
		return 0, d.syntax(i)
	}
	// Rule: a fraction has at least one digit.
	if i < len(data) && data[i] == '.' {
		i++
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			return 0, d.syntax(i)
		}
		i = skipDigits(data, i+1)
	}
	// Rule: an exponent has an optional sign and at least one digit.
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			return 0, d.syntax(i)
		}
		i = skipDigits(data, i+1)
	}
	if i < len(data) && !isDelim[data[i]] {
		return 0, d.syntax(i)
	}
	return i, nil
}

func skipDigits(data []byte, i int) int {
	for i < len(data) && '0' <= data[i] && data[i] <= '9' {
		i++
	}
	return i
}

// literal checks that lit ("true", "false" or "null") starts at offset i,
// followed by a delimiter or the end, and returns the offset past it.
func (d *Decoder) literal(i int, lit string) (int, error) {
	for k := 0; k < len(lit); k++ {
		if i+k >= len(d.data) || d.data[i+k] != lit[k] {
			return 0, d.syntax(i + k)
		}
	}
	end := i + len(lit)
	if end < len(d.data) && !isDelim[d.data[end]] {
		return 0, d.syntax(end)
	}
	return end, nil
}

func (d *Decoder) openObject(ks *keySet) {
	*ks = keySet{base: len(d.keys), arenaBase: len(d.arena)}
}

func (d *Decoder) closeObject(ks *keySet) {
	d.keys = d.keys[:ks.base]
	d.arena = d.arena[:ks.arenaBase]
	if ks.tabSize > 0 {
		d.table = d.table[:ks.tabOff]
	}
}

func (d *Decoder) keyBytes(e keyEntry) []byte {
	if e.inArena {
		return d.arena[e.off : e.off+e.n]
	}
	return d.data[e.off : e.off+e.n]
}

// addKey adds the key whose content spans data[start:end] to the innermost
// open object and returns it unescaped, and whether the object already has
// it.
func (d *Decoder) addKey(ks *keySet, start, end int, esc bool) ([]byte, bool) {
	var e keyEntry
	var key []byte
	if esc {
		off := len(d.arena)
		d.arena = appendUnescaped(d.arena, d.data[start:end])
		key = d.arena[off:len(d.arena):len(d.arena)]
		e = keyEntry{off: off, n: len(key), inArena: true}
	} else {
		key = d.data[start:end:end]
		e = keyEntry{off: start, n: end - start}
	}
	if ks.tabSize == 0 {
		// A small object: a cheap signature, a filter, and a scan on a hit.
		e.hash = keySig(key)
		m := uint64(1) << (e.hash >> 56 & 63)
		w := e.hash >> 62
		if ks.filter[w]&m != 0 {
			for _, k := range d.keys[ks.base:] {
				if k.hash == e.hash && bytes.Equal(d.keyBytes(k), key) {
					return key, true
				}
			}
		}
		ks.filter[w] |= m
		d.keys = append(d.keys, e)
		if len(d.keys)-ks.base >= bigObject {
			d.buildTable(ks, 4*bigObject)
		}
		return key, false
	}
	// A big object: a seeded hash, so crafted keys cannot make it slow.
	e.hash = maphash.Bytes(hashSeed, key)
	tab := d.table[ks.tabOff : ks.tabOff+ks.tabSize]
	mask := uint64(ks.tabSize - 1)
	p := e.hash & mask
	for ; tab[p] != 0; p = (p + 1) & mask {
		k := d.keys[ks.base+int(tab[p])-1]
		if k.hash == e.hash && bytes.Equal(d.keyBytes(k), key) {
			return key, true
		}
	}
	d.keys = append(d.keys, e)
	n := len(d.keys) - ks.base
	tab[p] = int32(n)
	if 2*n > ks.tabSize {
		d.buildTable(ks, 2*ks.tabSize)
	}
	return key, false
}

// keySig is the signature of a key in a small object: its length and its
// first and last eight bytes, mixed. Equal keys have equal signatures. A
// small object has fewer than bigObject keys, so keys crafted to share a
// signature cost at most bigObject comparisons each.
func keySig(k []byte) uint64 {
	n := len(k)
	var a, b uint64
	switch {
	case n >= 8:
		a = binary.LittleEndian.Uint64(k)
		b = binary.LittleEndian.Uint64(k[n-8:])
	case n >= 4:
		a = uint64(binary.LittleEndian.Uint32(k))
		b = uint64(binary.LittleEndian.Uint32(k[n-4:]))
	case n > 0:
		a = uint64(k[0]) | uint64(k[n/2])<<8 | uint64(k[n-1])<<16
	}
	h := (a ^ bits.RotateLeft64(b, 31) ^ uint64(n)) * 0x9e3779b97f4a7c15
	return h ^ h>>29
}

// buildTable (re)builds the hash table of the innermost open object with
// size slots, a power of two, and fills it with the object's keys. Built
// for the first time, it replaces the keys' signatures with seeded hashes.
func (d *Decoder) buildTable(ks *keySet, size int) {
	if ks.tabSize == 0 {
		ks.tabOff = len(d.table)
		for i := ks.base; i < len(d.keys); i++ {
			d.keys[i].hash = maphash.Bytes(hashSeed, d.keyBytes(d.keys[i]))
		}
	}
	d.table = slices.Grow(d.table[:ks.tabOff], size)[:ks.tabOff+size]
	tab := d.table[ks.tabOff:]
	clear(tab)
	ks.tabSize = size
	mask := uint64(size - 1)
	for i, k := range d.keys[ks.base:] {
		p := k.hash & mask
		for tab[p] != 0 {
			p = (p + 1) & mask
		}
		tab[p] = int32(i + 1)
	}
}

// skipAt checks the value at offset i (whitespace already skipped) and
// moves d past it. It keeps its own stack of open containers, so input
// nested deeper than the limit is an error, not deep recursion.
func (d *Decoder) skipAt(i int) error {
	data := d.data
	base := len(d.frames)
	room := d.limit() - d.depth // containers that may still open
	for {
		// A value starts at i.
		if i >= len(data) {
			return d.skipFail(base, d.syntax(i))
		}
		opened := false
		switch c := data[i]; c {
		case '{', '[':
			// Rule: objects and arrays nest at most limit() deep.
			if len(d.frames)-base >= room {
				return d.skipFail(base, d.tooDeep(i))
			}
			d.frames = append(d.frames, frame{obj: c == '{'})
			f := &d.frames[len(d.frames)-1]
			closer := byte(']')
			if f.obj {
				closer = '}'
				f.index = -1
				d.openObject(&f.keys)
			}
			i = skipSpace(data, i+1)
			if i < len(data) && data[i] == closer {
				d.popFrame()
				i++
				break
			}
			if f.obj {
				var err error
				if i, err = d.skipKey(base, i); err != nil {
					return err
				}
			}
			opened = true
		case '"':
			end, _, err := d.scanString(i)
			if err != nil {
				return d.skipFail(base, err)
			}
			i = end
		case 't', 'f', 'n':
			lit := "null"
			if c == 't' {
				lit = "true"
			} else if c == 'f' {
				lit = "false"
			}
			end, err := d.literal(i, lit)
			if err != nil {
				return d.skipFail(base, err)
			}
			i = end
		default:
			if kindOf[c] != Number {
				return d.skipFail(base, d.syntax(i))
			}
			end, err := d.scanNumber(i)
			if err != nil {
				return d.skipFail(base, err)
			}
			i = end
		}
		if opened {
			continue
		}
		// After a value: close containers until one has a next member.
	next:
		for {
			if len(d.frames) == base {
				d.pos = i
				return nil
			}
			f := &d.frames[len(d.frames)-1]
			i = skipSpace(data, i)
			if i >= len(data) {
				return d.skipFail(base, d.syntax(i))
			}
			switch c := data[i]; {
			case c == ',':
				i = skipSpace(data, i+1)
				if f.obj {
					f.index = -1
					var err error
					if i, err = d.skipKey(base, i); err != nil {
						return err
					}
				} else {
					f.index++
				}
				break next
			case f.obj && c == '}', !f.obj && c == ']':
				d.popFrame()
				i++
			default:
				return d.skipFail(base, d.syntax(i))
			}
		}
	}
}

// skipKey reads the key and colon of a member of the innermost frame,
// starting at offset i, and returns the offset of the value.
func (d *Decoder) skipKey(base, i int) (int, error) {
	data := d.data
	// Rule: a member starts with a string key.
	if i >= len(data) || data[i] != '"' {
		return 0, d.skipFail(base, d.syntax(i))
	}
	end, esc, err := d.scanString(i)
	if err != nil {
		return 0, d.skipFail(base, err)
	}
	f := &d.frames[len(d.frames)-1]
	key, dup := d.addKey(&f.keys, i+1, end-1, esc)
	if dup {
		// Rule: a key appears at most once in an object.
		return 0, d.skipFail(base, d.failAt(string(key), i, "duplicate key"))
	}
	f.index = len(d.keys) - 1
	i = skipSpace(data, end)
	if i >= len(data) || data[i] != ':' {
		return 0, d.skipFail(base, d.syntax(i))
	}
	return skipSpace(data, i+1), nil
}

func (d *Decoder) popFrame() {
	f := &d.frames[len(d.frames)-1]
	if f.obj {
		d.closeObject(&f.keys)
	}
	d.frames = d.frames[:len(d.frames)-1]
}

// skipFail puts the path of the containers open inside skipAt, from
// frames[base:], in front of the hard error err.
func (d *Decoder) skipFail(base int, err error) error {
	path := ""
	for _, f := range d.frames[base:] {
		switch {
		case !f.obj:
			path = lead.JoinPath(path, lead.IndexPath(f.index))
		case f.index >= 0:
			path = lead.JoinPath(path, string(d.keyBytes(d.keys[f.index])))
		}
	}
	return d.propagate(path, err)
}
