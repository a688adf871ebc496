// Package lead defines Lead, the canonical shape of a CRM lead, and the
// rules every Lead must satisfy before an adapter translates it.
//
// A Lead is a plain value: compare it, marshal it with encoding/json, and
// copy it with [Lead.Clone] (plain assignment shares its pointers, slices
// and maps). Money is a decimal.Decimal that keeps its scale, never a
// float64, in an ISO 4217 currency or, marked [Money.CustomCurrency], in a
// code the source account defined itself; a date without a time of day is a
// [Date]; a scalar a source may leave out is an [Optional]; custom fields
// are typed [CustomField] values. This package knows no vendor: packages
// pipedrive and copper import it and never each other; package convert
// joins them.
//
// # What a Lead keeps
//
// Whatever a source system sends that the model has no field for is kept
// in [Lead.Vendor] under that system's name: unknown keys with their exact
// JSON, which named keys were absent rather than null, and the spelling of
// values the model normalizes. A translation back to the same system
// restores them, so vendor → Lead → same vendor reproduces the input's
// JSON value. A translation to another system reports them as dropped.
//
// # Errors
//
// [Lead.Validate] reports every broken rule at once, as an [ErrorList] of
// *[FieldError] sorted by path, each naming the JSON path and the rule and
// wrapping one of the sentinel causes ([ErrRequired], [ErrInvalid], ...):
//
//	phone_numbers[1].number: required
//	value.currency: iso4217: invalid
//
// Translations return a [Report] of every field they dropped, derived,
// changed or defaulted, or carried unverified, with the reason. A dropped field also says its
// [LossKind]: the target sets it itself, the target has no place for it,
// or the mapping did not cover it; [Report.StrictErr] rejects only the
// last kind.
//
// # JSON
//
// The JSON encoding is the interchange and golden-file format: snake_case
// keys in a fixed order, empty fields left out, money as a JSON number with
// its scale ({"amount": 1500.50, "currency": "EUR"}), dates as
// "YYYY-MM-DD", timestamps as RFC 3339 in UTC with their sub-second
// digits. Marshalling a Lead and unmarshalling the bytes gives back an equal
// Lead, and marshalling twice gives the same bytes.
package lead
