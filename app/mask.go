package app

import (
	"reflect"
	"regexp"
	"strings"

	"jiuke/backend/customers"
	"jiuke/backend/staff"
)

// Clerks see customers' phone numbers masked (138****8000) wherever the app hands them a customer:
// the archive belongs to the company, and a clerk's phone on the shop network should not carry it
// away. This is the one place that does it: every answer a clerk may read goes through shown.

// shown returns v as the signed-in actor may see it: unchanged for managers and the owner, with every
// phone field masked for a clerk, at any depth (lists, pages, nested customers, guests at tables).
func shown[T any](c *Core, v T, err error) (T, error) {
	if err != nil || c.actor().Role != staff.Clerk {
		return v, err
	}
	maskPhones(reflect.ValueOf(&v).Elem())
	return v, nil
}

// isPhoneField names the fields that hold a customer's numbers: Mobile, OtherPhone, ReferrerMobile…
func isPhoneField(name string) bool {
	return strings.HasSuffix(name, "Mobile") || strings.HasSuffix(name, "Phone")
}

// maskPhones walks v and masks the phone fields it can set; maps and interfaces hold copies, which
// are masked and put back.
func maskPhones(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			maskPhones(v.Elem())
		}
	case reflect.Interface:
		if v.IsNil() || !v.CanSet() {
			return
		}
		cp := reflect.New(v.Elem().Type()).Elem()
		cp.Set(v.Elem())
		maskPhones(cp)
		v.Set(cp)
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			if !t.Field(i).IsExported() || !f.CanSet() {
				continue
			}
			if f.Kind() == reflect.String && isPhoneField(t.Field(i).Name) {
				f.SetString(maskNumbers(f.String()))
				continue
			}
			maskPhones(f)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			maskPhones(v.Index(i))
		}
	case reflect.Map:
		if v.IsNil() {
			return
		}
		for _, k := range v.MapKeys() {
			cp := reflect.New(v.Type().Elem()).Elem()
			cp.Set(v.MapIndex(k))
			maskPhones(cp)
			v.SetMapIndex(k, cp)
		}
	}
}

// mobileRun finds mainland mobile numbers inside a field that may hold several (其他电话).
var mobileRun = regexp.MustCompile(`1[3-9][0-9]{9}`)

// digitRun finds what is left after mobiles are masked: landlines and other long numbers (028-85551234).
var digitRun = regexp.MustCompile(`[0-9]{7,}`)

// maskNumbers masks every mobile number in s, as customers.MaskMobile shows one, and shows only the
// last 4 digits of any other number of 7 or more digits (a landline's area code stays readable).
func maskNumbers(s string) string {
	s = mobileRun.ReplaceAllStringFunc(s, customers.MaskMobile)
	return digitRun.ReplaceAllStringFunc(s, func(d string) string {
		return strings.Repeat("*", len(d)-4) + d[len(d)-4:]
	})
}

// unmasked keeps the stored number when an edit form sends back the masked one it was shown: a clerk
// saving a customer must not overwrite 13800138000 with 138****8000 (a new full number is saved).
func unmasked(sent, stored string) string {
	if sent != stored && sent == maskNumbers(stored) {
		return stored
	}
	return sent
}
