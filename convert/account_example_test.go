package convert_test

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/leadbridge/leadbridge/convert"
)

// A mistyped account folder is an error naming the folder and the exports
// looked for there, never an account without custom fields.
func ExampleFolderError() {
	_, err := convert.Setup{PipedriveAccount: "exports/pipedirve"}.Converter()
	fmt.Println(err)
	var fe *convert.FolderError
	fmt.Println(errors.As(err, &fe), fe.Dir, errors.Is(err, fs.ErrNotExist))
	// Output:
	// pipedrive account: exports/pipedirve: no such file or directory (looked for dealFields.json, leadLabels.json, currencies.json, persons.json, organizations.json, users.json)
	// true exports/pipedirve true
}

func ExampleCopperAccountFiles() {
	fmt.Println(convert.CopperAccountFiles())
	// Output:
	// [custom_field_definitions.json lead_statuses.json account.json people.json companies.json users.json]
}
