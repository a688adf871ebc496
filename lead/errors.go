package lead

import (
	"errors"
	"slices"
	"strconv"
	"strings"
)

// The causes a FieldError wraps. Every error this module returns for bad
// input wraps one of them, so callers can sort failures with errors.Is.
var (
	// ErrRequired: a field that must be present is missing or empty.
	ErrRequired = errors.New("required")
	// ErrInvalid: a value is present but breaks a rule (format, range, enum).
	ErrInvalid = errors.New("invalid")
	// ErrType: a JSON value has the wrong type ("want number, got string").
	ErrType = errors.New("wrong JSON type")
	// ErrMalformed: the input is not well-formed JSON (syntax, invalid UTF-8,
	// lone surrogate, duplicate key, too deep, too large).
	ErrMalformed = errors.New("malformed JSON")
	// ErrUnsupported: a value has no place in the target shape.
	ErrUnsupported = errors.New("not representable in the target")
	// ErrUnmapped: an id has no entry in the mapping (strict mode).
	ErrUnmapped = errors.New("not covered by the mapping")
)

// A FieldError reports one broken rule at one place in a document.
type FieldError struct {
	// Path is the JSON path from the document root, in the names of the
	// document being read: "value.currency", "phone_numbers[2].number".
	// It is empty for the document root.
	Path string
	// Rule is the rule as documented: "required", "iso4217",
	// "want number, got string". It never contains the offending value.
	Rule string
	// Err is one of the sentinel causes above, or the error behind it.
	Err error
}

// Error returns "path: rule", or "path: rule: cause" when the cause adds
// something the rule does not already say. The root's path is "(root)".
func (e *FieldError) Error() string {
	p := e.Path
	if p == "" {
		p = "(root)"
	}
	if e.Err == nil || strings.Contains(e.Rule, e.Err.Error()) {
		return p + ": " + e.Rule
	}
	return p + ": " + e.Rule + ": " + e.Err.Error()
}

// Unwrap returns the cause, so errors.Is(err, ErrRequired) works.
func (e *FieldError) Unwrap() error { return e.Err }

// Redacted returns "path: rule", leaving out the cause, which may quote the
// input (a parse error, say). Leads are personal data: logs use this.
func (e *FieldError) Redacted() string {
	p := e.Path
	if p == "" {
		p = "(root)"
	}
	return p + ": " + e.Rule
}

// ErrorList collects FieldErrors; the zero value is ready to use.
type ErrorList []*FieldError

// Add appends a FieldError.
func (l *ErrorList) Add(path, rule string, cause error) {
	*l = append(*l, &FieldError{Path: path, Rule: rule, Err: cause})
}

// Append adds err to the list: a *FieldError or an ErrorList is added as
// it is, with prefix joined in front of its path (see JoinPath); any other
// non-nil error becomes a FieldError at prefix with rule "invalid".
func (l *ErrorList) Append(prefix string, err error) {
	if err == nil {
		return
	}
	var fe *FieldError
	var list ErrorList
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			*l = append(*l, &FieldError{Path: JoinPath(prefix, e.Path), Rule: e.Rule, Err: e.Err})
		}
	case errors.As(err, &fe):
		*l = append(*l, &FieldError{Path: JoinPath(prefix, fe.Path), Rule: fe.Rule, Err: fe.Err})
	default:
		l.Add(prefix, "invalid", err)
	}
}

// Err sorts the list by path and returns it, or nil if it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	slices.SortStableFunc(l, func(a, b *FieldError) int { return strings.Compare(a.Path, b.Path) })
	return l
}

// Error returns one FieldError a line.
func (l ErrorList) Error() string { return l.lines((*FieldError).Error) }

// Redacted returns one FieldError's Redacted text a line: paths and rules,
// never the causes, which may quote the input.
func (l ErrorList) Redacted() string { return l.lines((*FieldError).Redacted) }

func (l ErrorList) lines(text func(*FieldError) string) string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(text(e))
	}
	return b.String()
}

// Unwrap returns each FieldError, so errors.Is and errors.As see them all.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// JoinPath joins a parent path and a child path: ("value", "amount") is
// "value.amount", ("phone_numbers", "[2].number") is
// "phone_numbers[2].number", and an empty side yields the other.
func JoinPath(parent, child string) string {
	switch {
	case parent == "":
		return child
	case child == "":
		return parent
	case child[0] == '[':
		return parent + child
	default:
		return parent + "." + child
	}
}

// IndexPath returns "[i]", the path segment of an array element.
func IndexPath(i int) string { return "[" + strconv.Itoa(i) + "]" }
