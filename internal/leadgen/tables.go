package leadgen

// The sample accounts. These tables mirror the files in testdata/pipedrive
// and testdata/copper; TestTablesMatchTestdata fails when they drift apart.

// Pipedrive account (testdata/pipedrive).
var (
	// pdUserIDs are the users that own and create leads.
	pdUserIDs = []int{11208433, 11208434, 12776251, 13901127, 14062310}

	// pdLabelIDs are the ids of GET /v1/leadLabels (leadLabels.json).
	pdLabelIDs = []string{
		"5b2e5c40-53f1-11ea-a1c4-2b9d3f1a7e01",
		"5b2e5c41-53f1-11ea-a1c4-2b9d3f1a7e01",
		"5b2e5c42-53f1-11ea-a1c4-2b9d3f1a7e01",
		"c7d41e90-8f2a-11eb-b6f3-7f1e0a9c2d44",
		"0a9f6b30-2c11-11ec-9d2e-51c8a4e7b613",
		"e3c58f70-b4d6-11ed-8f07-9b3e2d6c1a58",
	}

	// pdPersons are the persons of GET /v1/persons (persons.json) with the
	// value of their org_id (0: none).
	pdPersons = []struct{ id, org int }{
		{2101, 501}, {2102, 502}, {2103, 503}, {2104, 504}, {2105, 505},
		{2106, 506}, {2107, 507}, {2108, 508}, {2109, 509}, {2110, 0},
	}

	// pdOrgIDs are the organizations of GET /v1/organizations
	// (organizations.json).
	pdOrgIDs = []int{501, 502, 503, 504, 505, 506, 507, 508, 509, 510}

	// pdChannelIDs are the option ids of the "channel" deal field (Source
	// channel), the values a lead's channel takes.
	pdChannelIDs = []int{27, 28, 29, 30, 31, 32, 33, 34}
)

// Pipedrive lead limits: a lead id outside the exports points at a person or
// organization the sample files do not hold, as real exports taken at
// different times do.
const (
	pdCCPrefix    = "northwind+7324118+lead"
	pdCCDomain    = "@pipedrivemail.com"
	pdPersonLimit = 2999
	pdOrgLimit    = 999
)

// A pdField is a custom deal field (GET /v1/dealFields) as leads use it.
type pdField struct {
	key     string
	typ     string // field_type
	options []int  // option ids for enum and set
}

// pdCustomFields are the custom fields of dealFields.json, in its order.
var pdCustomFields = []pdField{
	{"a7ace732f6fadfa7e5c15b629362da5cc13da58a", "varchar", nil},
	{"8f7b7676d015b0dc2c63888f28f004817e6ddce7", "varchar_auto", nil},
	{"637d6efa609e467ada679f818a119b9e16bc1732", "text", nil},
	{"fab36728a78beb7e0787c0de2f960063bc67ba94", "double", nil},
	{"458bfed0a712755f6cace4d519d5269512e74f7b", "monetary", nil},
	{"0d9782bfcdc83011ac8efe121c5989f1ba2dde83", "date", nil},
	{"53a12945a93258ef7777682c5796a670482c590e", "daterange", nil},
	{"45ac16b9c20dbc210f8a7abff2e91ac70b80a255", "time", nil},
	{"c1cc0affdd2ee150d2840277789c1af40ce8fcc9", "timerange", nil},
	{"d419c7723226db943c3ae353fb14628e90b401a6", "enum", []int{61, 62, 63, 64, 65, 66, 67, 68}},
	{"1d33bc6d96f0da847a2a3b87b9c8b9ffe46ed627", "set", []int{71, 72, 73, 74, 75, 76}},
	{"68e58909ccb2b416525a56c9a30f4300bbeeb636", "user", nil},
	{"e2ad0478ff53a46f5ead703a84c4b877678537a3", "org", nil},
	{"64b936976b4b76b0e179f773a6e0f3c09514b7dd", "people", nil},
	{"d4351df483229050899338370c28cec1b94722af", "phone", nil},
	{"4c8b1eb44f1eaccf4372a2a784a67245a398d022", "address", nil},
}

// Copper account (testdata/copper).
var (
	// cpUserIDs are the users of POST /users/search (users.json).
	cpUserIDs = []int{814201, 814202, 851377, 902114, 913570}

	// cpSourceIDs are the ids of GET /customer_sources
	// (customer_sources.json).
	cpSourceIDs = []int{1118250, 1118251, 1118252, 1118253, 1118254, 1118255}

	// cpStatuses are the four statuses the Copper lead table documents, with
	// their ids in GET /lead_statuses (lead_statuses.json).
	cpStatuses = []struct {
		id     int
		name   string
		weight int
	}{
		{2083401, "New", 40},
		{2083402, "Unqualified", 15},
		{2083403, "Contacted", 25},
		{2083404, "Qualified", 20},
	}
)

// A cpDef is a custom field definition (GET /custom_field_definitions)
// available on leads.
type cpDef struct {
	id      int
	typ     string // data_type
	options []int  // option ids for Dropdown and MultiSelect
}

// cpDefs are the definitions of custom_field_definitions.json whose
// available_on includes "lead", in the order leads list them. Copper lists
// them in an order of its own, not by id; the sample files use this one.
var cpDefs = []cpDef{
	{420107, "Float", nil},
	{420110, "URL", nil},
	{420108, "Percentage", nil},
	{420106, "Checkbox", nil},
	{420101, "String", nil},
	{420102, "Text", nil},
	{420104, "MultiSelect", []int{611101, 611102, 611103, 611104, 611105}},
	{420109, "Currency", nil},
	{420105, "Date", nil},
	{420103, "Dropdown", []int{611006, 611005, 611004, 611003, 611002, 611001}},
	{420111, "Connect", nil},
}
