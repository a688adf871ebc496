// Package copper translates Copper CRM leads (Copper Developer API,
// "Leads") to and from the canonical lead.Lead.
//
// [DecodeLead] reads one lead object as GET /leads/{id} returns it, in one
// strict pass: keys match exactly, each key remembers whether it was
// absent, null or set (lists keep null apart from []), unknown and
// undocumented keys (converted_value, converted_unit, ...) keep their JSON
// whatever its type, and monetary_value keeps its exact text.
// [Lead.AppendJSON] writes it back. [DecodeLeadList] reads the response of
// POST /leads/search, a list; [DecodeCustomFieldDefinitions],
// [DecodeLeadStatuses] and [DecodeAccount] read the account's exports.
//
// A [Translator] holds what one account knows: its custom field
// definitions, its lead statuses, a default currency and its time zone.
// Its zero value works. [Translator.ToLead] maps a Copper lead to a
// lead.Lead:
//
//	name, prefix, first_name, ... -> Name (parts as given, never split)
//	title                          -> JobTitle (Lead.Title stays empty)
//	email                          -> Emails[0]; phone_numbers, socials, websites
//	monetary_value, monetary_unit  -> Value (exact decimal)
//	status / status_id             -> Status, StatusName / StatusRef
//	tags                           -> Labels; details -> Description
//	assignee_id, customer_source_id-> Owner, Source.CustomerSource
//	date_* (Unix seconds)          -> CreatedAt, ModifiedAt, LastContactedAt (UTC)
//	custom_fields                  -> CustomFields ("copper:<id>")
//
// Everything else (unknown keys, converted_unit and converted_value, which
// keys were absent or null, spellings such as 1e3) is kept in
// Lead.Vendor["copper"], so [Translator.LeadObject] rebuilds the same JSON
// value. [Translator.FromLead] builds a POST /leads body and
// [Translator.UpdateRequest] a partial PUT /leads/{id} body.
//
// # Decisions
//
//   - Status: New, Unqualified, Contacted and Qualified (case-sensitive)
//     map to the canonical statuses. Statuses are configured per account
//     (GET /lead_statuses): with Translator.Statuses, another name in that
//     list is kept in Lead.StatusName and a name outside it is an error at
//     "status"; without the list, the name is kept in Lead.StatusName and
//     reported as unverified, and it is written back unchanged.
//   - Money: an amount without monetary_unit uses Translator.DefaultCurrency
//     (reported as defaulted); without a default it is left out of
//     Lead.Value, kept in vendor data and reported as dropped. No currency
//     is ever guessed. UpdateRequest compares both leads with their vendor
//     data, so a change to such an amount is sent, and sends
//     monetary_value and monetary_unit separately: a value still set is
//     never nulled.
//   - Custom fields: without a definition a value is kept as raw JSON.
//     With one, String/Text become text, URL url, Dropdown option,
//     MultiSelect options, Checkbox bool, Float/Percentage number, Currency
//     money in the definition's currency (number when it names none), and
//     Connect raw. Null and [] (an unset MultiSelect) are unset values;
//     Checkbox false is the value false.
//   - Dates: a custom Date is a calendar day. Copper keeps it as Unix
//     seconds at midnight in the account's time zone, or as "mm/dd/yyyy"
//     (Copper Developer API, "Best practices": Date formats); both are read
//     as a lead.Date, the day in Translator.Location. A value that is not
//     midnight there loses its time of day (reported as changed). Writing
//     gives midnight in Translator.Location as Unix seconds; a lead read
//     from Copper gets back the form it was read in. With Location nil,
//     UTC is assumed and each converted Date says so in the Report.
//   - FromLead requires a name. With Name.Full empty but name parts set,
//     name is the parts joined by spaces (reported as derived); with no name
//     at all the error names "name". Read-only data (id, dates,
//     interaction_count) and status_id are not sent.
//   - Categories: emails and websites are work / personal / other, phone
//     numbers mobile / work / home / other, socials linkedin, twitter,
//     googleplus, facebook, youtube, quora, foursquare, klout, gravatar,
//     other. Writing a Lead, another system's word of the same meaning
//     becomes Copper's (a "home" email or website is "personal") and any
//     other word "other", each reported as changed with the word in the
//     detail; a word Copper itself sent is given back by LeadObject.
//
// # What is lost
//
// Going to Copper, a Lead loses what Copper has no place for, each listed
// in the Report as dropped with its canonical path: Title, Person,
// Organization, Creator, Visibility, ExpectedCloseDate, Archived, Seen,
// the source's name, origin and channel, NextActivity, BCCEmail, label ids
// and colors, emails after the first, ids and vendor data of other
// systems, custom fields without a Copper id. Sub-second timestamps become
// whole seconds (reported as changed).
//
// # Errors
//
// Errors are a lead.ErrorList of *lead.FieldError sorted by path, in
// Copper's names, each wrapping a sentinel of package lead. ToLead lists
// every broken rule at once:
//
//	phone_numbers[2].number: want string, got number   (lead.ErrType)
//	name: duplicate key                                (lead.ErrMalformed)
//	status: oneof=New Unqualified Contacted Qualified ... (lead.ErrInvalid)
//	custom_fields[3].value: option id of definition 420103 (lead.ErrInvalid)
//	custom_fields[5].value: a date mm/dd/yyyy that exists  (lead.ErrInvalid)
//	monetary_unit: iso4217                             (lead.ErrInvalid)
//	name: required                                     (lead.ErrRequired, FromLead)
//
// Type errors are collected and decoding goes on; syntax errors, invalid
// UTF-8, lone surrogates, duplicate keys and nesting deeper than 64 stop
// it. A decoder returns no partial result with an error: DecodeLead gives
// the zero Lead, the account decoders nil; only DecodeLeadList returns the
// leads that decoded, beside errors whose paths start with each bad lead's
// index ("[3].tags[0]"). A document that is not a lead object (a list, an
// envelope, an error response) given to DecodeLead is an error at the root
// wrapping [ErrNotLead] and, for an error response, an *[APIError]. No
// input panics.
package copper
