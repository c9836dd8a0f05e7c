package csvio

import "errors"

// ErrLegacyXLS says a file is a binary Excel 97-2003 workbook, which is not read.
var ErrLegacyXLS = errors.New("it is a binary Excel 97-2003 workbook (.xls), which Goalpost does not read: open it in Excel or LibreOffice, save it as .xlsx or CSV (UTF-8) and import that file")

// ReadXLS reads a binary (BIFF8) workbook.
func ReadXLS(data []byte) ([]Worksheet, error) { return nil, ErrLegacyXLS }
