package sheets

import "io"

// Table is a sheet of rows computed beforehand (a report), written like every other export.
type Table struct {
	Sheet string
	Cols  []ExportColumn
	Rows  [][]any
}

// WriteTables writes one sheet per table and returns the number of data rows written.
func WriteTables(w io.Writer, tables []Table) (int, error) {
	list := make([]table, len(tables))
	for i, t := range tables {
		list[i] = table{t.Sheet, t.Cols, func(add func(...any) error) error {
			for _, r := range t.Rows {
				if err := add(r...); err != nil {
					return err
				}
			}
			return nil
		}}
	}
	return writeBook(w, list...)
}
