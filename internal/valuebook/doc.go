// Package valuebook is a unit's year of indicator values as an Excel
// workbook, between the store and internal/sheet: Build reads what the
// unit's grid holds (values, targets, what is locked) into a sheet.Grid,
// and Apply saves an uploaded workbook back, all or nothing, under the
// grid's own rules. The web page and the API both go through it, so the
// two doors cannot come to disagree on what a file means.
package valuebook
