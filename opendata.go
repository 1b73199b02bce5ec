package payesh

import (
	"context"

	"payesh/internal/jalali"
)

// Open data: approved indicator values as they leave Payesh for the
// systems partners use (DHIS2 reads ADX, statistical offices SDMX). Only
// approved values leave — a draft, a submitted or a returned value is the
// unit's working copy, not a figure anyone has stood behind — and they
// are named by codes, which other systems can map, never by ids.

// MaxOpenDataYears bounds an export: its periods may touch at most this
// many Jalali years. A national year is about 2.5 million values; five
// are as much as one request should stream.
const MaxOpenDataYears = 5

// OpenValue is one approved value as open data.
type OpenValue struct {
	IndicatorCode string
	// Measure is the indicator's unit of measure as the secretariat wrote
	// it (نفر، درصد، ریال…).
	Measure  string
	UnitCode string
	Period   jalali.Period
	Value    float64
}

// OpenDataFilter selects an export: every value whose period lies wholly
// within From..To (a quarter's values are in 1403-01..1403-06, a year's
// are not), of one indicator or all, of one unit's subtree or everywhere.
type OpenDataFilter struct {
	From, To    jalali.Period
	IndicatorID int64 // 0: every indicator the reader reads
	UnitID      int64 // 0: every unit; else the unit and its subtree
}

// Validate checks the range: both ends, in order, within MaxOpenDataYears.
func (f OpenDataFilter) Validate() error {
	fields := map[string]string{}
	if !f.From.IsValid() {
		fields["from"] = "err.required_param"
	}
	if !f.To.IsValid() {
		fields["to"] = "err.required_param"
	}
	if len(fields) == 0 {
		switch {
		case f.To.Last().Before(f.From.First()):
			fields["to"] = "err.opendata.order"
		case f.To.Year-f.From.Year >= MaxOpenDataYears:
			fields["to"] = "err.opendata.span"
		}
	}
	return Invalid(fields)
}

// Range returns, for each granularity, the first and last period of it
// that lie wholly within From..To; ok is false for a granularity none of
// whose periods fits (a year in a range of months).
func (f OpenDataFilter) Range(g jalali.Granularity) (lo, hi jalali.Period, ok bool) {
	start, end := f.From.First(), f.To.Last()
	lo = jalali.PeriodOf(start, g)
	if lo.First() != start {
		lo = lo.Next()
	}
	hi = jalali.PeriodOf(end, g)
	if hi.Last() != end {
		hi = hi.Prev()
	}
	return lo, hi, !hi.First().Before(lo.First())
}

// OpenDataService reads approved values for export.
type OpenDataService interface {
	// EachApprovedValue calls fn with every approved value f selects that
	// the user in ctx reads, ordered by unit, then period (years, seasons,
	// months), then indicator, so that a unit's period is one run. It
	// reads in pages and holds no connection while fn runs, so a slow
	// client does not hold the database; an error from fn stops it.
	EachApprovedValue(ctx context.Context, f OpenDataFilter, fn func(OpenValue) error) error
}
