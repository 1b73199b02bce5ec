package payesh

// Page is the pagination part of every list filter. Lists are ordered
// stably (a sort key, then id), so pages never repeat or skip rows.
type Page struct {
	Limit  int
	Offset int
}

// Page limits.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Normalized returns p with the limit clamped to 1..MaxLimit and a
// non-negative offset.
func (p Page) Normalized() Page {
	if p.Limit <= 0 {
		p.Limit = DefaultLimit
	}
	if p.Limit > MaxLimit {
		p.Limit = MaxLimit
	}
	if p.Offset < 0 {
		p.Offset = 0
	}
	return p
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func setIf[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

func nonZero(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}
