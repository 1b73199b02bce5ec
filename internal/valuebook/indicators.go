package valuebook

import (
	"context"

	"payesh"
)

// Enters reports whether a unit of kind k enters values of the indicator:
// values that add up, or its own official figure. A ratio is computed
// from its numerator and denominator, and entered only as an own figure.
func Enters(i *payesh.Indicator, k payesh.UnitKind) bool {
	return i.Reports(k) || i.OwnFigureFrom(k)
}

// AllIndicators loads every indicator the user may read, by code.
func AllIndicators(ctx context.Context, svc payesh.IndicatorService) ([]*payesh.Indicator, error) {
	var all []*payesh.Indicator
	for offset := 0; ; offset += payesh.MaxLimit {
		page, total, err := svc.FindIndicators(ctx, payesh.IndicatorFilter{Page: payesh.Page{Limit: payesh.MaxLimit, Offset: offset}})
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if len(page) == 0 || offset+payesh.MaxLimit >= total {
			return all, nil
		}
	}
}
