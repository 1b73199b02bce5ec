package jalali

import (
	"errors"
	"slices"
	"testing"
)

func yr(y int) Period       { return Period{Year, y, 0} }
func qtr(y, q int) Period   { return Period{Quarter, y, q} }
func month(y, m int) Period { return Period{Month, y, m} }

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in    string
		want  Period
		canon string
	}{
		{"1403", yr(1403), "1403"},
		{"1403Q1", qtr(1403, 1), "1403Q1"},
		{"1403q4", qtr(1403, 4), "1403Q4"},
		{"1403-01", month(1403, 1), "1403-01"},
		{"1403-1", month(1403, 1), "1403-01"},
		{"1403-12", month(1403, 12), "1403-12"},
		{"۱۴۰۳", yr(1403), "1403"},
		{"۱۴۰۳Q۲", qtr(1403, 2), "1403Q2"},
		{"١٤٠٣-٠٧", month(1403, 7), "1403-07"},
		{" 1403Q3 ", qtr(1403, 3), "1403Q3"},
	}
	for _, tt := range tests {
		got, err := ParsePeriod(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParsePeriod(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			continue
		}
		if s := got.String(); s != tt.canon {
			t.Errorf("%v.String() = %q, want %q", got, s, tt.canon)
		}
		if back, err := ParsePeriod(got.String()); err != nil || back != got {
			t.Errorf("round trip %q -> %v, %v", got.String(), back, err)
		}
	}
}

func TestParsePeriodRejects(t *testing.T) {
	bad := []string{
		"1403Q5", "1403Q0", "1403-13", "1403-00", "14031", "", "abc",
		"1403Q", "1403-", "1403Q12", "1403-001", "403", "0000",
		"1403/01", "1403-1-1", "Q1 1403", "1403 Q1",
	}
	for _, in := range bad {
		p, err := ParsePeriod(in)
		if err == nil {
			t.Errorf("ParsePeriod(%q) = %v, want error", in, p)
			continue
		}
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("ParsePeriod(%q) error %v does not wrap ErrInvalid", in, err)
		}
	}
}

func TestPeriodLabel(t *testing.T) {
	tests := []struct {
		p    Period
		want string
	}{
		{yr(1403), "۱۴۰۳"},
		{qtr(1403, 1), "بهار ۱۴۰۳"},
		{qtr(1403, 2), "تابستان ۱۴۰۳"},
		{qtr(1403, 3), "پاییز ۱۴۰۳"},
		{qtr(1403, 4), "زمستان ۱۴۰۳"},
		{month(1403, 1), "فروردین ۱۴۰۳"},
		{month(1402, 12), "اسفند ۱۴۰۲"},
		{Period{}, ""},
	}
	for _, tt := range tests {
		if got := tt.p.Label(); got != tt.want {
			t.Errorf("%v.Label() = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestPeriodFirstLast(t *testing.T) {
	tests := []struct {
		p           Period
		first, last Date
	}{
		{yr(1403), Date{1403, 1, 1}, Date{1403, 12, 30}},
		{yr(1402), Date{1402, 1, 1}, Date{1402, 12, 29}},
		{qtr(1403, 1), Date{1403, 1, 1}, Date{1403, 3, 31}},
		{qtr(1403, 2), Date{1403, 4, 1}, Date{1403, 6, 31}},
		{qtr(1403, 3), Date{1403, 7, 1}, Date{1403, 9, 30}},
		{qtr(1403, 4), Date{1403, 10, 1}, Date{1403, 12, 30}},
		{qtr(1402, 4), Date{1402, 10, 1}, Date{1402, 12, 29}},
		{month(1403, 12), Date{1403, 12, 1}, Date{1403, 12, 30}},
		{month(1402, 12), Date{1402, 12, 1}, Date{1402, 12, 29}},
		{month(1403, 6), Date{1403, 6, 1}, Date{1403, 6, 31}},
		{month(1403, 7), Date{1403, 7, 1}, Date{1403, 7, 30}},
		{Period{}, Date{}, Date{}},
		{qtr(1403, 5), Date{}, Date{}},
	}
	for _, tt := range tests {
		if got := tt.p.First(); got != tt.first {
			t.Errorf("%v.First() = %v, want %v", tt.p, got, tt.first)
		}
		if got := tt.p.Last(); got != tt.last {
			t.Errorf("%v.Last() = %v, want %v", tt.p, got, tt.last)
		}
	}
}

func TestPeriodContainsAndPeriodOf(t *testing.T) {
	tests := []struct {
		d       Date
		y, q, m Period
	}{
		{Date{1403, 1, 1}, yr(1403), qtr(1403, 1), month(1403, 1)},
		{Date{1403, 3, 31}, yr(1403), qtr(1403, 1), month(1403, 3)},
		{Date{1403, 4, 1}, yr(1403), qtr(1403, 2), month(1403, 4)},
		{Date{1403, 9, 30}, yr(1403), qtr(1403, 3), month(1403, 9)},
		{Date{1403, 12, 30}, yr(1403), qtr(1403, 4), month(1403, 12)},
	}
	for _, tt := range tests {
		for _, p := range []Period{tt.y, tt.q, tt.m} {
			if got := PeriodOf(tt.d, p.Gran); got != p {
				t.Errorf("PeriodOf(%v, %v) = %v, want %v", tt.d, p.Gran, got, p)
			}
			if !p.Contains(tt.d) {
				t.Errorf("%v.Contains(%v) = false", p, tt.d)
			}
			if p.Contains(p.First().AddDays(-1)) || p.Contains(p.Last().AddDays(1)) {
				t.Errorf("%v contains a day outside [First, Last]", p)
			}
		}
	}
	if got := PeriodOf(Date{}, Month); got != (Period{}) {
		t.Errorf("PeriodOf(zero) = %v", got)
	}
	if (Period{}).Contains(Date{1403, 1, 1}) || yr(1403).Contains(Date{}) {
		t.Error("invalid period or date should not be contained")
	}
}

func TestPeriodNextPrev(t *testing.T) {
	tests := []struct{ p, next Period }{
		{yr(1403), yr(1404)},
		{qtr(1403, 1), qtr(1403, 2)},
		{qtr(1402, 4), qtr(1403, 1)},
		{month(1403, 12), month(1404, 1)},
		{month(1403, 1), month(1403, 2)},
		{month(1403, 11), month(1403, 12)},
	}
	for _, tt := range tests {
		if got := tt.p.Next(); got != tt.next {
			t.Errorf("%v.Next() = %v, want %v", tt.p, got, tt.next)
		}
		if got := tt.next.Prev(); got != tt.p {
			t.Errorf("%v.Prev() = %v, want %v", tt.next, got, tt.p)
		}
	}
	if got := qtr(1403, 1).Prev(); got != qtr(1402, 4) {
		t.Errorf("1403Q1.Prev() = %v", got)
	}
	// Walking months must tile the calendar with no gaps or overlaps.
	p := month(1399, 1)
	for range 60 {
		if n := p.Next(); n.First() != p.Last().AddDays(1) {
			t.Fatalf("%v.Next() = %v does not start the day after %v", p, n, p.Last())
		}
		p = p.Next()
	}
}

func TestPeriodParentChildren(t *testing.T) {
	m := month(1403, 8)
	q, ok := m.Parent()
	if !ok || q != qtr(1403, 3) {
		t.Fatalf("%v.Parent() = %v, %v", m, q, ok)
	}
	y, ok := q.Parent()
	if !ok || y != yr(1403) {
		t.Fatalf("%v.Parent() = %v, %v", q, y, ok)
	}
	if p, ok := y.Parent(); ok {
		t.Errorf("year has parent %v", p)
	}
	if _, ok := (Period{}).Parent(); ok {
		t.Error("invalid period has a parent")
	}

	tests := []struct {
		p        Period
		children []Period
		months   []Period
	}{
		{yr(1403), []Period{qtr(1403, 1), qtr(1403, 2), qtr(1403, 3), qtr(1403, 4)}, monthsOf(1403, 1, 12)},
		{qtr(1403, 2), monthsOf(1403, 4, 6), monthsOf(1403, 4, 6)},
		{qtr(1403, 4), monthsOf(1403, 10, 12), monthsOf(1403, 10, 12)},
		{month(1403, 5), nil, []Period{month(1403, 5)}},
		{Period{}, nil, nil},
	}
	for _, tt := range tests {
		if got := tt.p.Children(); !slices.Equal(got, tt.children) {
			t.Errorf("%v.Children() = %v, want %v", tt.p, got, tt.children)
		}
		if got := tt.p.Months(); !slices.Equal(got, tt.months) {
			t.Errorf("%v.Months() = %v, want %v", tt.p, got, tt.months)
		}
		for _, c := range tt.p.Children() {
			if parent, ok := c.Parent(); !ok || parent != tt.p {
				t.Errorf("%v.Parent() = %v, want %v", c, parent, tt.p)
			}
		}
	}
}

func monthsOf(y, from, to int) []Period {
	var out []Period
	for m := from; m <= to; m++ {
		out = append(out, month(y, m))
	}
	return out
}

func TestGranularityString(t *testing.T) {
	for g, want := range map[Granularity]string{Year: "year", Quarter: "quarter", Month: "month", 0: "Granularity(0)"} {
		if got := g.String(); got != want {
			t.Errorf("Granularity(%d).String() = %q, want %q", int(g), got, want)
		}
	}
}

func TestNewPeriodAndInvalid(t *testing.T) {
	if p, err := NewPeriod(Quarter, 1403, 2); err != nil || p != qtr(1403, 2) {
		t.Errorf("NewPeriod(Quarter,1403,2) = %v, %v", p, err)
	}
	bad := []Period{{}, {Year, 1403, 1}, {Quarter, 1403, 0}, {Month, 0, 1}, {Granularity(9), 1403, 1}}
	for _, p := range bad {
		if _, err := NewPeriod(p.Gran, p.Year, p.N); !errors.Is(err, ErrInvalid) {
			t.Errorf("NewPeriod(%d,%d,%d) err = %v, want ErrInvalid", p.Gran, p.Year, p.N, err)
		}
		if p.Next() != p || p.Prev() != p {
			t.Errorf("Next/Prev of invalid %v should return it unchanged", p)
		}
	}
	if got := (Period{}).String(); got != "Period(0,0,0)" {
		t.Errorf("zero Period String = %q", got)
	}
}
