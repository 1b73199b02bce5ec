package store

import (
	"payesh"
)

// Roll-up layers (migration 005): the approved values of a subtree's
// units, those plus the submitted ones, and a unit's own official figure
// on the same two bases. Drafts and returned values are in none: a number
// leadership reads changes when a reviewer approves, not when a unit types.
const (
	layerUnitsApproved    = 0
	layerUnitsProvisional = 1
	layerOwnApproved      = 2
	layerOwnProvisional   = 3
)

// layersOf returns the layers a value in state s counts in.
func layersOf(s payesh.ValueState, own bool) []int {
	var out []int
	for _, b := range []payesh.Basis{payesh.BasisApproved, payesh.BasisProvisional} {
		if b.Counts(s) {
			out = append(out, layerOf(b, own))
		}
	}
	return out
}

// layerOf is the layer of basis b, for own figures or for units' values.
func layerOf(b payesh.Basis, own bool) int {
	l := layerUnitsApproved
	if b == payesh.BasisProvisional {
		l = layerUnitsProvisional
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
