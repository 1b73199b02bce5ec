package sheet

import (
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"payesh"
	"payesh/internal/export"
	"payesh/internal/jalali"
)

// The research register's project list as a workbook (issue 15): one
// right-to-left sheet, a project a row, which the secretariat downloads
// (the register as it stands, or an empty template), fills in Excel and
// uploads. Row 1 holds the columns' keys — what makes the upload exact
// whatever the labels' language — and is hidden; row 2 the labels; the
// projects start at row 3. A row with an id updates that project; a row
// without one is a new project.

// researchMagic heads the hidden key row's first cell.
const researchMagic = "payesh-research/1"

// ResearchColumns are the columns' keys, in order.
var ResearchColumns = []string{"id", "axis", "title", "institution", "investigator", "stage",
	"contract_start", "contract_end", "budget_rials", "note"}

// ResearchBook is the project list to write.
type ResearchBook struct {
	Sheet  string            // «طرح‌های پژوهشی»
	Labels map[string]string // column key → label
	// Stages are the stages' labels, in order, for the stage column's list.
	Stages []string
	Rows   []ResearchRow
}

// ResearchRow is one project as the workbook shows it.
type ResearchRow struct {
	ID                               int64
	Axis                             int
	Title, Institution, Investigator string
	Stage                            string // its label
	Start, End                       string // Jalali, 1403/05/10
	Budget                           int64
	Note                             string
}

// researchFirstRow is the first project's row.
const researchFirstRow = 3

// WriteResearch writes the project list. Every text cell is neutralized
// (export.Neutralize), since a title is typed by people; numbers stay
// numbers.
func WriteResearch(w io.Writer, b ResearchBook) error {
	f := excelize.NewFile()
	defer f.Close()
	s := b.Sheet
	if err := f.SetSheetName("Sheet1", s); err != nil {
		return err
	}
	rtl := true
	if err := f.SetSheetView(s, 0, &excelize.ViewOptions{RightToLeft: &rtl}); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	set := func(col, row int, v any, style int) error {
		ref, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		if err := f.SetCellValue(s, ref, v); err != nil {
			return err
		}
		return f.SetCellStyle(s, ref, ref, style)
	}
	for i, key := range ResearchColumns {
		k := key
		if i == 0 {
			k = researchMagic + " " + key
		}
		if err := set(i+1, 1, k, st.label); err != nil {
			return err
		}
		if err := set(i+1, 2, b.Labels[key], st.header); err != nil {
			return err
		}
	}
	if err := f.SetRowVisible(s, 1, false); err != nil {
		return err
	}
	for n, r := range b.Rows {
		row := researchFirstRow + n
		var id any = ""
		if r.ID != 0 {
			id = r.ID
		}
		budget := any("")
		if r.Budget != 0 {
			budget = r.Budget
		}
		cells := []any{id, r.Axis, export.Neutralize(r.Title), export.Neutralize(r.Institution), export.Neutralize(r.Investigator),
			r.Stage, r.Start, r.End, budget, export.Neutralize(r.Note)}
		for c, v := range cells {
			if err := set(c+1, row, v, st.value); err != nil {
				return err
			}
		}
	}
	widths := []float64{8, 8, 48, 30, 24, 18, 14, 14, 18, 40}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(s, col, col, wd); err != nil {
			return err
		}
	}
	if len(b.Stages) > 0 {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = "F3:F" + strconv.Itoa(researchFirstRow+payesh.MaxResearchImport)
		if err := dv.SetDropList(b.Stages); err != nil {
			return err
		}
		if err := f.AddDataValidation(s, dv); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// ErrNotResearch is a workbook that is not a project list of this system.
var ErrNotResearch = errors.New("sheet: not a research project list of this system")

// ResearchLookup turns what a row says into the register's ids.
type ResearchLookup struct {
	Axes map[int]int64 // axis number → id
	// Units are the institutions that are org units, by code and by name.
	Units map[string]int64
	// Stages are the stages by label and by key.
	Stages map[string]payesh.ResearchStage
}

// ReadResearch reads an uploaded project list into import rows, every
// row or none: the cells that do not read — a number, a date, an axis or
// stage the register does not know — are returned as row errors, each
// with its row and column key. An empty row is skipped.
func ReadResearch(r io.Reader, look ResearchLookup) ([]payesh.ResearchImportRow, []payesh.RowError, error) {
	f, err := excelize.OpenReader(r, excelize.Options{RawCellValue: true, UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLPart})
	if err != nil {
		return nil, nil, ErrNotResearch
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, nil, ErrNotResearch
	}
	rows, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil || len(rows) == 0 || len(rows[0]) == 0 || !strings.HasPrefix(rows[0][0], researchMagic+" ") {
		return nil, nil, ErrNotResearch
	}
	col := map[string]int{}
	for i, k := range rows[0] {
		if i == 0 {
			k = strings.TrimPrefix(k, researchMagic+" ")
		}
		col[k] = i
	}
	for _, k := range ResearchColumns {
		if _, ok := col[k]; !ok {
			return nil, nil, ErrNotResearch
		}
	}
	if len(rows)-researchFirstRow+1 > payesh.MaxResearchImport {
		return nil, nil, ErrNotResearch
	}
	var out []payesh.ResearchImportRow
	var bad []payesh.RowError
	for n := researchFirstRow - 1; n < len(rows); n++ {
		cells := rows[n]
		get := func(k string) string {
			if i := col[k]; i < len(cells) {
				return unneutralize(strings.TrimSpace(cells[i]))
			}
			return ""
		}
		if blankRow(cells) {
			continue
		}
		row := n + 1
		fail := func(field, key string) { bad = append(bad, payesh.RowError{Row: row, Field: field, Key: key}) }
		p := payesh.ResearchProject{Title: get("title"), Investigator: get("investigator"), Note: get("note")}
		if s := get("id"); s != "" {
			if id, err := strconv.ParseInt(jalali.ToLatinDigits(s), 10, 64); err != nil || id <= 0 {
				fail("id", "err.unknown_ref")
			} else {
				p.ID = id
			}
		}
		if s := get("axis"); s == "" {
			fail("axis_id", "err.required")
		} else if n, err := strconv.Atoi(jalali.ToLatinDigits(s)); err != nil || look.Axes[n] == 0 {
			fail("axis_id", "err.unknown_ref")
		} else {
			p.AxisID = look.Axes[n]
		}
		if inst := get("institution"); inst != "" {
			if id := look.Units[payesh.NormalizeText(inst)]; id != 0 {
				p.InstitutionUnitID = &id
			} else {
				p.InstitutionName = inst
			}
		}
		if s := get("stage"); s != "" {
			if st, ok := look.Stages[payesh.NormalizeText(s)]; ok {
				p.Stage = st
			} else {
				fail("stage", "err.research.stage")
			}
		}
		for _, d := range []struct {
			key string
			to  *payesh.Date
		}{{"contract_start", &p.ContractStart}, {"contract_end", &p.ContractEnd}} {
			if s := get(d.key); s != "" {
				if j, err := jalali.Parse(s); err != nil {
					fail(d.key, "err.bad_jalali_date")
				} else {
					*d.to = payesh.FromJalali(j)
				}
			}
		}
		if s := get("budget_rials"); s != "" {
			s = strings.NewReplacer(",", "", "٬", "", "،", "", " ", "").Replace(jalali.ToLatinDigits(s))
			if v, err := strconv.ParseFloat(s, 64); err != nil || v != float64(int64(v)) || v < 0 || v > payesh.MaxResearchBudget {
				fail("budget_rials", "err.research.budget")
			} else {
				p.BudgetRials = int64(v)
			}
		}
		out = append(out, payesh.ResearchImportRow{Row: row, Project: p})
	}
	return out, bad, nil
}

// unneutralize takes off the apostrophe export.Neutralize put before a
// text that would read as a formula, so a download uploaded unchanged
// changes nothing.
func unneutralize(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

func blankRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
