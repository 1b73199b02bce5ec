package jalali

import "testing"

// TestPublishedLeapYears checks the leap years of the recent past and near
// future as printed in Iran's official calendars, a check that does not
// depend on the astronomical reference. It includes the 5-year gaps
// (1337→1342, 1370→1375, 1403→1408), where a plain every-4-years rule
// fails, and 1403 itself: it is leap (Esfand 30 = 20 March 2025) because
// the equinox of 2025 fell at 12:31 IRST, after noon.
func TestPublishedLeapYears(t *testing.T) {
	leap := map[int]bool{}
	for _, y := range []int{
		1309, 1313, 1317, 1321, 1325, 1329, 1333, 1337, 1342, 1346, 1350, 1354,
		1358, 1362, 1366, 1370, 1375, 1379, 1383, 1387, 1391, 1395, 1399, 1403, 1408,
	} {
		leap[y] = true
	}
	for y := 1309; y <= 1410; y++ {
		if IsLeap(y) != leap[y] {
			t.Errorf("IsLeap(%d) = %v, want %v", y, IsLeap(y), leap[y])
		}
	}
}

// TestLeapBeforeEveryBreak covers the years go-jalaali v0.1.0 got wrong:
// the leap year five years before each break (it moved it one year later).
func TestLeapBeforeEveryBreak(t *testing.T) {
	for _, b := range breaks[1:] {
		if b-5 < MinYear || b-1 > MaxYear {
			continue
		}
		for y := b - 5; y < b; y++ {
			if want := y == b-5; IsLeap(y) != want {
				t.Errorf("IsLeap(%d) = %v, want %v (break %d)", y, IsLeap(y), want, b)
			}
		}
	}
}
