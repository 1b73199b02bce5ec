package demo

import (
	"fmt"

	"payesh"
)

// Login is a demo user people sign in as.
type Login struct {
	Username string
	Password string
	Role     payesh.Role
	UnitCode string
	Name     string
}

// Logins returns the demo users, one per role, each in the unit where that
// role makes sense: the reporter in the office whose year of work seed 003
// reports, so that signing in as it shows a unit updating its own work.
// Two more reporters show what a unit outside headquarters reads
// (payesh.ReadScope): a province's, Khorasan Razavi with its hospital
// project (seed 004), and the universities', a partner that reads only
// the research projects it shares (seed 000) and reports on them.
func Logins() []Login {
	return []Login{
		{"admin", Password, payesh.RoleAdmin, unitSSO, "مدیر سامانه (نمایشی)"},
		{"secretariat", Password, payesh.RoleSecretariat, unitSecretariat, "کارشناس دبیرخانه (نمایشی)"},
		{"reporter", Password, payesh.RoleReporter, unitWomen, "کارشناس دفتر امور زنان و خانواده (نمایشی)"},
		{"viewer", Password, payesh.RoleViewer, unitSSO, "بیننده (نمایشی)"},
		{"province", Password, payesh.RoleReporter, unitKhorasan, "کارشناس ادارهٔ کل استان خراسان رضوی (نمایشی)"},
		{"university", Password, payesh.RoleReporter, unitUniversity, "کارشناس دانشگاه‌ها (نمایشی)"},
	}
}

// loadUsers creates the demo users, leaving any that already exist as they
// are (their password may have been changed on purpose).
func (l *loader) loadUsers() error {
	for _, in := range Logins() {
		if err := l.ensureUser(in); err != nil {
			return fmt.Errorf("user %s: %w", in.Username, err)
		}
		l.sum.Logins = append(l.sum.Logins, in)
	}
	return nil
}

func (l *loader) ensureUser(in Login) error {
	_, err := l.svc.Users.FindUserByUsername(l.ctx, in.Username)
	if err == nil || payesh.ErrorCode(err) != payesh.ENOTFOUND {
		return err
	}
	u := &payesh.User{
		Username: in.Username,
		Name:     in.Name,
		UnitID:   l.units[in.UnitCode],
		Role:     in.Role,
		Active:   true,
	}
	return l.svc.Users.CreateUser(l.ctx, u, in.Password)
}
