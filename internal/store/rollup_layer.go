package store

import (
	"payesh"
)

// Roll-up layers (migration 005): the approved values of a subtree's
// units, and a unit's own official figure, each with every base period,
// quarter, year and ratio stored; beside each, the submitted values alone,
// in base periods only. Drafts and returned values are in none: a number
// leadership reads changes when a reviewer approves, not when a unit
// types. The provisional basis (approved and submitted) is combined from
// both when read (rollup_provisional.go): submitted values are few and
// pass, so that rarely read basis costs no stored quarters, years or
// ratios, and an approval writes the approved layer's longer periods only.
const (
	layerUnitsApproved  = 0
	layerUnitsSubmitted = 1
	layerOwnApproved    = 2
	layerOwnSubmitted   = 3
)

// layersOf returns the layer a value in state s counts in, if any.
func layersOf(s payesh.ValueState, own bool) []int {
	switch s {
	case payesh.ValueApproved:
		return []int{layerOf(payesh.BasisApproved, own)}
	case payesh.ValueSubmitted:
		return []int{layerOf(payesh.BasisProvisional, own)}
	}
	return nil
}

// storesLonger says a layer keeps quarters, years and ratios: the
// approved ones do, the submitted ones keep base periods only.
func storesLonger(l int) bool { return l == layerUnitsApproved || l == layerOwnApproved }

// layerOf is the layer a basis adds, for own figures or for units'
// values: approved values for the approved basis, submitted ones for the
// provisional basis (which reads the approved layer too).
func layerOf(b payesh.Basis, own bool) int {
	l := layerUnitsApproved
	if b == payesh.BasisProvisional {
		l = layerUnitsSubmitted
	}
	if own {
		l += layerOwnApproved
	}
	return l
}

// isOwnLayer says a layer holds a unit's own figure, which stays on the
// unit: it never reaches the ancestors' roll-ups.
func isOwnLayer(l int) bool { return l >= layerOwnApproved }

// valueChange is what one value did to the roll-ups: it left the layers
// it counted in with its old number and joined others with its new one.
type valueChange struct {
	unit      int64
	path      string
	key       periodKey
	oldOwn    bool
	oldValue  float64
	oldLayers []int
	newValue  float64
	newLayers []int
}

// record adds a value's change to every roll-up row it reaches: the
// unit's ancestors for units' layers, the unit alone for its own figure.
func (b *rollupBatch) record(indicator int64, c valueChange) {
	for _, side := range []struct {
		layers []int
		value  float64
		sign   int
	}{{c.oldLayers, c.oldValue, -1}, {c.newLayers, c.newValue, 1}} {
		for _, l := range side.layers {
			units := []int64{c.unit}
			if !isOwnLayer(l) {
				units = ancestors(c.path)
			}
			for _, a := range units {
				b.add(rollupKey{indicator: indicator, unit: a, layer: l, key: c.key}, float64(side.sign)*side.value, side.sign)
			}
		}
	}
}

func (b *rollupBatch) add(k rollupKey, sum float64, cnt int) {
	d := b.deltas[k]
	if d == nil {
		d = &delta{}
		b.deltas[k] = d
	}
	d.sum += sum
	d.cnt += cnt
}
