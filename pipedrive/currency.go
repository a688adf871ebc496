package pipedrive

import (
	"github.com/leadbridge/leadbridge/lead"
)

// Currency is a currency of a Pipedrive account, as GET /v1/currencies
// lists it. Besides the ISO 4217 currencies an account can define its
// own (IsCustomFlag); their codes ("BTC", "POINTS") are not ISO 4217.
type Currency struct {
	ID            int64  `json:"id"`
	Code          string `json:"code"`
	Name          string `json:"name"`
	DecimalPoints int    `json:"decimal_points"`
	Symbol        string `json:"symbol"`
	ActiveFlag    bool   `json:"active_flag"`
	IsCustomFlag  bool   `json:"is_custom_flag"`
}

// CurrencyMap holds an account's currencies by code.
type CurrencyMap map[string]Currency

// NewCurrencyMap returns currencies by code.
func NewCurrencyMap(currencies []Currency) CurrencyMap {
	m := make(CurrencyMap, len(currencies))
	for _, c := range currencies {
		m[c.Code] = c
	}
	return m
}

// DecodeCurrencies decodes the response of GET /v1/currencies,
// {"success": true, "data": [{"id", "code", "name", "decimal_points",
// "symbol", "active_flag", "is_custom_flag"}, ...]}. Every currency needs
// a code.
func DecodeCurrencies(data []byte) ([]Currency, error) {
	list, err := decodeExport[Currency](data)
	if err != nil {
		return nil, err
	}
	var errs lead.ErrorList
	for i, c := range list {
		if c.Code == "" {
			errs.Add("data"+lead.IndexPath(i)+".code", "required", lead.ErrRequired)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return list, nil
}

// customCurrency says whether code, a currency read from Pipedrive data at
// path, is one of the account's own codes rather than an ISO 4217 one.
// Pipedrive types a currency as a plain string: a code that is not ISO
// 4217 is valid data, a custom currency of the account. When t's
// currencies do not list it, the Report says it is unverified.
func (t Translator) customCurrency(path, code string, rep *lead.Report) bool {
	if c, ok := t.Currencies[code]; ok {
		return c.IsCustomFlag || !lead.IsISO4217(code)
	}
	if lead.IsISO4217(code) {
		return false
	}
	t.unverified(path, rep)
	return true
}

// checkCustomCurrency reports, in a POST body, a custom currency at path
// that t's currencies do not list: the account must define it. LeadObject
// does not report it: the object is the account's own data written back.
func (t Translator) checkCustomCurrency(path string, m *lead.Money, rep *lead.Report) {
	if m == nil || !m.CustomCurrency {
		return
	}
	if _, ok := t.Currencies[m.Currency]; !ok {
		t.unverified(path, rep)
	}
}

func (t Translator) unverified(path string, rep *lead.Report) {
	if t.Currencies == nil {
		rep.Add(path, lead.Unverified, "not an ISO 4217 code: carried as a custom currency of the account, whose currencies are unknown (currencies.json, GET /v1/currencies)")
		return
	}
	rep.Add(path, lead.Unverified, "not an ISO 4217 code and not among the account's currencies (currencies.json): carried as a custom currency")
}
