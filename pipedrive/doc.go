// Package pipedrive translates Pipedrive leads (API v1, /v1/leads) to and
// from lead.Lead, exactly and explainably.
//
// # Wire types
//
// [Lead] mirrors LeadResponse: each of its 21 documented fields is a
// [Patch] that remembers whether the response left the key out, sent null
// or sent a value; custom fields (40-hex keys), their companion keys
// ("<key>_currency", "<key>_until", "<key>_formatted_address", ...) and
// any other key are kept in [Lead.Extra] with their exact JSON, in input
// order. [DecodeLead] reads one object in a single strict pass: duplicate
// keys, invalid UTF-8, lone surrogates and syntax errors stop it; a wrong
// type ("value.amount: want number, got string") is collected and decoding
// goes on. Keys match exactly: "TITLE" is an unknown key. Amounts stay the
// exact text of the JSON number; nothing passes through float64.
// [AddLeadRequest] and [UpdateLeadRequest] are the bodies of POST
// /v1/leads and PATCH /v1/leads/{id}; [Envelope], [ListEnvelope] and
// [APIError] the response envelopes.
//
// # Envelopes and partial results
//
// DecodeLead reads a lead object (a response's data) and returns the zero
// Lead with any error. Given a whole response it fails with [ErrNotLead]
// and names the decoder to call ([DecodeEnvelope], [DecodeListEnvelope],
// or DecodeLead on each data.items[i].item of a search response); an error
// body's error also holds its *[APIError]. [DecodeListEnvelope] returns
// the leads of a list that decoded without error, in order, and an error
// naming each bad lead by its index ("data[3].value.amount: ...").
//
// # Translation
//
// A [Translator] holds the account's [Plan], deal fields and lead labels;
// its zero value works. ToLead, FromLead and UpdateRequest return
// (result, lead.Report, error). [Translator.LeadObject] is ToLead's
// inverse: ToLead then LeadObject then AppendJSON gives back the input's
// JSON value, nulls, absent keys, custom fields and unknown keys included,
// because whatever the canonical model has no field for is kept in
// Lead.Vendor["pipedrive"].
//
// Currencies: a currency is a plain string in Pipedrive, and accounts
// define their own codes (GET /v1/currencies, [DecodeCurrencies]). A code
// that is not ISO 4217 is never rejected: it becomes a lead.Money with
// CustomCurrency set, reported as lead.Unverified unless the Translator's
// Currencies list it.
//
// visible_to means different things on different plans. With the zero
// (unknown) Plan, "5" and "7" are translated (they exist only on Premium
// and Ultimate); "1" and "3" leave Visibility empty, keep the code for the
// way back, and add a report entry. A code invalid on the plan is an
// error. Going back, the unknown plan writes only "5" for
// owner_group_and_subgroups: "1" and "3" would mean another visibility on
// some plan, and entire_company is "3" or "7" depending on the plan.
//
// Without definitions a custom field is lead.CustomField{Key:
// "pipedrive:<key>", Type: raw}; with them it is typed by field_type and
// named (enum and set option ids become options with their labels; an
// option id not in the definition is an error).
//
// # What it loses
//
// Nothing on the way in. On the way out, canonical data Pipedrive leads
// have no place for (contact name, emails, phones, socials, websites,
// address, job title, company name, description, status, last contacted,
// interaction count, other systems' ids and vendor data, refs to other
// systems) is reported as dropped with its canonical path; FromLead also
// reports what POST does not accept (id, creator, source name, origin,
// archived, next activity, timestamps, cc_email) and UpdateRequest what
// PATCH cannot change (origin_id, read-only fields, unsetting the owner,
// visibility, archived or seen).
//
// # Errors
//
// Errors are a lead.ErrorList of *lead.FieldError sorted by path, with
// Pipedrive's names, wrapping lead.ErrRequired, ErrInvalid, ErrType,
// ErrMalformed or ErrUnsupported:
//
//	value.amount: want number, got string
//	label_ids[1]: uuid: invalid
//	visible_to: oneof=1 3 on the essential plan: invalid
//	d419c7723226db943c3ae353fb14628e90b401a6: option id not in the field definition: invalid
//
// A failed API response decodes to an *[APIError].
package pipedrive
