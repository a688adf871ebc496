package lead

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Optional holds a value that may be absent, for fields where absent and
// the zero value mean different things (Archived: unknown vs false). The
// zero Optional is absent. In JSON it is the value itself; with the
// `omitzero` option an absent Optional is left out, and null decodes to
// absent.
type Optional[T any] struct {
	Value T
	Set   bool
}

// Some returns a present Optional holding v.
func Some[T any](v T) Optional[T] { return Optional[T]{Value: v, Set: true} }

// Get returns the value and whether it is present.
func (o Optional[T]) Get() (T, bool) { return o.Value, o.Set }

// IsZero reports whether o is absent, so `omitzero` leaves it out.
func (o Optional[T]) IsZero() bool { return !o.Set }

// MarshalJSON encodes the value, or null when absent.
func (o Optional[T]) MarshalJSON() ([]byte, error) {
	if !o.Set {
		return []byte("null"), nil
	}
	return json.Marshal(o.Value)
}

// UnmarshalJSON decodes a value; null makes o absent.
func (o *Optional[T]) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*o = Optional[T]{}
		return nil
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*o = Some(v)
	return nil
}

// Money is an exact amount in a currency. The amount keeps the scale it
// was written with: 1500.50 stays 1500.50. In JSON it is
// {"amount": 1500.50, "currency": "EUR"}, the amount a JSON number.
//
// Currency is an ISO 4217 code, unless CustomCurrency says it is a code
// the source account defined itself (a Pipedrive custom currency, GET
// /v1/currencies with is_custom_flag): "BTC" is valid only with the flag,
// so a typo such as "EURO" in a hand-built lead is still an error. The
// flag is written to JSON as "custom_currency": true, and only then.
type Money struct {
	Amount   decimal.Decimal `json:"amount"`
	Currency string          `json:"currency"`
	// CustomCurrency tells that Currency is an account's own code, not an
	// ISO 4217 one. Validate then requires only that it is not empty.
	CustomCurrency bool `json:"custom_currency,omitempty"`
}

// MarshalJSON encodes the amount as a JSON number with its scale.
func (m Money) MarshalJSON() ([]byte, error) {
	b := []byte(`{"amount":`)
	b = append(b, FormatDecimal(m.Amount)...)
	b = append(b, `,"currency":`...)
	c, err := json.Marshal(m.Currency)
	if err != nil {
		return nil, err
	}
	b = append(b, c...)
	if m.CustomCurrency {
		b = append(b, `,"custom_currency":true`...)
	}
	return append(b, '}'), nil
}

// UnmarshalJSON decodes {"amount": number, "currency": string} and the
// optional "custom_currency": bool. Amount and currency are required; the
// amount must be a JSON number within the range ParseDecimal accepts.
func (m *Money) UnmarshalJSON(b []byte) error {
	var w struct {
		Amount         *json.RawMessage `json:"amount"`
		Currency       *string          `json:"currency"`
		CustomCurrency bool             `json:"custom_currency"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	var errs ErrorList
	if w.Amount == nil || string(*w.Amount) == "null" {
		errs.Add("amount", "required", ErrRequired)
	} else if d, err := ParseDecimal(string(*w.Amount)); err != nil {
		errs.Append("amount", err)
	} else {
		m.Amount = d
	}
	if w.Currency == nil {
		errs.Add("currency", "required", ErrRequired)
	} else {
		m.Currency = *w.Currency
	}
	m.CustomCurrency = w.CustomCurrency
	return errs.Err()
}

// IsISO4217 reports whether code is a currency code of ISO 4217, the
// list Validate checks a Money's Currency against.
func IsISO4217(code string) bool {
	return validate().Var(code, "iso4217") == nil
}

// The range of amounts and numbers this module carries exactly: up to
// MaxIntegerDigits digits before the point and MaxScale after it.
const (
	MaxIntegerDigits = 32
	MaxScale         = 32
)

// ParseDecimal parses a JSON number exactly, keeping its scale
// ("1500.50" has scale 2). It accepts only the JSON number grammar (no
// quotes, NaN, Infinity, '+' or leading zeros) and rejects numbers with
// more than MaxIntegerDigits integer digits or MaxScale decimals, such as
// 1e400. Errors are *FieldError with an empty path.
func ParseDecimal(s string) (decimal.Decimal, error) {
	if !isJSONNumber(s) {
		return decimal.Decimal{}, &FieldError{Rule: "want a JSON number", Err: ErrType}
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, &FieldError{Rule: "want a JSON number", Err: ErrInvalid}
	}
	if d.Exponent() < -MaxScale {
		return decimal.Decimal{}, &FieldError{Rule: fmt.Sprintf("at most %d decimals", MaxScale), Err: ErrInvalid}
	}
	if intDigits(d) > MaxIntegerDigits {
		return decimal.Decimal{}, &FieldError{Rule: fmt.Sprintf("at most %d integer digits", MaxIntegerDigits), Err: ErrInvalid}
	}
	return d, nil
}

// intDigits counts the digits before the decimal point of d.
func intDigits(d decimal.Decimal) int {
	n := coefficientDigits(d) + int(d.Exponent())
	if n < 0 {
		return 0
	}
	return n
}

// coefficientDigits counts the decimal digits of d's coefficient.
func coefficientDigits(d decimal.Decimal) int {
	if d.IsZero() {
		return 0
	}
	if d.NumDigits() > 0 {
		return d.NumDigits()
	}
	return 1
}

// FormatDecimal writes d as a JSON number with the scale it carries:
// a Decimal parsed from "1500.50" is written "1500.50", never "1500.5".
// Numbers parsed with a positive exponent ("1e3") are written in full
// ("1000").
func FormatDecimal(d decimal.Decimal) string {
	if e := d.Exponent(); e < 0 {
		return d.StringFixed(-e)
	}
	return d.String()
}

// isJSONNumber reports whether s follows the JSON number grammar.
func isJSONNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == start {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == start {
			return false
		}
	}
	return i == len(s)
}

// A Date is a civil date: a day of the calendar with no time of day and
// no time zone. In JSON it is "YYYY-MM-DD". The zero Date is unset.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses "YYYY-MM-DD" strictly: four-digit year 0001–9999, a
// month and a day that exist in that month.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, &FieldError{Rule: "want a date YYYY-MM-DD", Err: ErrInvalid}
	}
	y, err1 := strconv.Atoi(s[0:4])
	m, err2 := strconv.Atoi(s[5:7])
	d, err3 := strconv.Atoi(s[8:10])
	if err := errors.Join(err1, err2, err3); err != nil || strings.ContainsAny(s, "+ ") {
		return Date{}, &FieldError{Rule: "want a date YYYY-MM-DD", Err: ErrInvalid}
	}
	date := Date{Year: y, Month: time.Month(m), Day: d}
	if !date.Valid() {
		return Date{}, &FieldError{Rule: "want a date that exists", Err: ErrInvalid}
	}
	return date, nil
}

// DateOf returns the civil date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// Valid reports whether d is a day of the calendar in years 1 to 9999.
func (d Date) Valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Day() == d.Day
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == Date{} }

// String returns "YYYY-MM-DD".
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// In returns midnight of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// MarshalJSON encodes d as "YYYY-MM-DD".
func (d Date) MarshalJSON() ([]byte, error) {
	if !d.Valid() {
		return nil, &FieldError{Rule: "want a date that exists", Err: ErrInvalid}
	}
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON decodes "YYYY-MM-DD".
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return &FieldError{Rule: "want a date YYYY-MM-DD", Err: ErrType}
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// NormalizeRaw returns raw compacted and with <, > and & escaped, the
// form encoding/json writes, so a Lead holding it marshals and
// unmarshals to the same bytes. raw must be valid JSON.
func NormalizeRaw(raw []byte) json.RawMessage {
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return append(json.RawMessage(nil), raw...)
	}
	if bytes.ContainsAny(buf.Bytes(), "<>&") || bytes.Contains(buf.Bytes(), []byte("\u2028")) || bytes.Contains(buf.Bytes(), []byte("\u2029")) {
		var esc bytes.Buffer
		json.HTMLEscape(&esc, buf.Bytes())
		return esc.Bytes()
	}
	return buf.Bytes()
}
