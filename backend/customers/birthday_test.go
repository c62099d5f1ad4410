package customers

import (
	"testing"
	"time"
)

func TestSolarBirthday(t *testing.T) {
	cases := []struct {
		b    Birthday
		year int
		want string
	}{
		{Birthday{Calendar: "solar", Year: 1985, Month: 3, Day: 12}, 2026, "2026-03-12"},
		// 农历 2026 正月初一 is 17 February 2026; 八月十五 is 25 September 2026.
		{Birthday{Calendar: "lunar", Year: 1980, Month: 1, Day: 1}, 2026, "2026-02-17"},
		{Birthday{Calendar: "lunar", Month: 8, Day: 15}, 2026, "2026-09-25"},
		// 腊月 of lunar 2025 falls in January/February 2026: 腊月廿三 2025 (北方小年) = 10 February 2026.
		{Birthday{Calendar: "lunar", Month: 12, Day: 23}, 2026, "2026-02-10"},
		// Born in 闰六月 (2025 had one); 2026 has no leap sixth month, so the ordinary 六月初十 = 23 July 2026.
		{Birthday{Calendar: "lunar", Year: 2025, Month: 6, Day: 10, Leap: true}, 2026, "2026-07-23"},
	}
	for _, c := range cases {
		got, ok := SolarBirthday(c.b, c.year)
		if !ok || got.Format(time.DateOnly) != c.want {
			t.Errorf("SolarBirthday(%+v, %d) = %s %v; want %s", c.b, c.year, got.Format(time.DateOnly), ok, c.want)
		}
	}
	if _, ok := SolarBirthday(Birthday{Calendar: "solar", Month: 2, Day: 29}, 2026); ok {
		t.Error("29 February found in 2026")
	}
}
