package web_test

import (
	"fmt"
	"net/http"
	"testing"

	"payesh"
	"payesh/internal/i18n"
	"payesh/internal/jalali"
	"payesh/internal/valuebook"
)

// TestDeskValuesDue: a province reporter's desk names the indicators its
// unit enters that have no value for their last finished month or season,
// linked to that year's grid; a saved value (a draft is enough) takes it
// off; an indicator the unit does not enter is never owed; a viewer is
// offered nothing.
func TestDeskValuesDue(t *testing.T) {
	t.Parallel()
	e := newWorkEnv(t)
	monthly := e.valuesIndicator("desk.monthly", payesh.Monthly, payesh.UnitProvince)
	e.valuesIndicator("desk.monthly2", payesh.Monthly, payesh.UnitProvince)
	e.valuesIndicator("desk.seasonal", payesh.Quarterly, payesh.UnitProvince)
	e.valuesIndicator("desk.offices", payesh.Monthly, payesh.UnitOffice)
	today := payesh.Today(workNow()).Jalali()
	month := jalali.PeriodOf(today, jalali.Month).Prev()
	season := jalali.PeriodOf(today, jalali.Quarter).Prev()
	khorasan := e.unit("prov-khorasan-razavi")
	grid := func(p jalali.Period) string {
		return fmt.Sprintf(`href="/values?unit=%d&amp;period=%d"`, khorasan.ID, p.Year)
	}

	home := e.as("province").get("/")
	home.want(t, http.StatusOK, `id="desk-values-month"`, `id="desk-values-quarter"`, grid(month), grid(season),
		fmt.Sprintf(workFA("ui.desk.values"), "۲", valuebook.PeriodLabel(i18n.FA, month)), fmt.Sprintf(workFA("ui.desk.values"), "۱", valuebook.PeriodLabel(i18n.FA, season)))

	e.valuesSave(payesh.IndicatorValue{IndicatorID: monthly.ID, UnitID: khorasan.ID, Period: month.String(), Value: 12})
	e.as("province").get("/").want(t, http.StatusOK, fmt.Sprintf(workFA("ui.desk.values"), "۱", valuebook.PeriodLabel(i18n.FA, month)))

	e.as("viewer").get("/").lacks(t, `id="desk-values-`)
}
