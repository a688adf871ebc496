// Package leadgen writes realistic CRM leads in the raw JSON shapes of
// Pipedrive (GET /v1/leads/{id}, the object inside "data") and Copper
// (GET /leads/{id}), one lead per line (NDJSON), for benchmarks, fuzz seeds
// and sample files of any size.
//
// Output is a pure function of the vendor, the count and [Options.Seed]: the
// same call writes the same bytes on every platform and every run, because
// the only randomness is a math/rand/v2 PCG seeded from Options.Seed and the
// lines are built with integer arithmetic only (no floats, no maps, no
// encoding/json). Different seeds give different files. A change to this
// package may change the bytes for a seed; the committed sample files
// testdata/pipedrive/leads.ndjson and testdata/copper/leads.ndjson pin them
// (see testdata/README.md for the command that regenerates them).
//
// What the lines contain:
//
//   - Pipedrive: all 21 LeadResponse fields in the documented order; ids,
//     label ids, marketing channels and the 40-hex custom-field keys of the
//     sample account in testdata/pipedrive (dealFields.json, leadLabels.json,
//     persons.json, organizations.json); 0–5 custom fields per lead with
//     values valid for their field_type, including the companion keys
//     (<key>_currency, <key>_until, <key>_formatted_address, …); enum values
//     as option ids in strings ("62") and set values as comma-separated
//     option ids ("71,74"); money with 0–2 decimals whose scale is kept
//     ("1500.50"); UUIDs; ISO 4217 currencies; dates from 2020 to 2027;
//     add_time/update_time with milliseconds.
//   - Copper: every field of a lead response, name parts consistent with
//     name, one email object, 0–3 phones, socials and websites with the
//     documented categories, tags, one of the four documented statuses, and a
//     custom_fields entry for every definition available on leads in
//     testdata/copper/custom_field_definitions.json (unset: null, Checkbox
//     false, MultiSelect []), timestamps in Unix seconds.
//   - Both: names and titles in many scripts (Latin with accents, Cyrillic,
//     Greek, CJK, Arabic, Hebrew, Devanagari, Thai, emoji with ZWJ sequences,
//     combining marks); about one line in ten writes every non-ASCII
//     character as a \uXXXX escape (surrogate pairs above U+FFFF); some
//     strings carry escaped quotes, backslashes and newlines; about a third
//     of the nullable fields are null.
//
// The ids the generator draws from are Go tables in this package; a test
// reads the testdata files and fails when the two drift apart.
//
// Errors: Pipedrive and Copper return an error only for a negative count or
// when the writer fails; the error from the writer is returned unwrapped.
package leadgen
