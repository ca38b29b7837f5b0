// The most used passwords (public breach lists), plus a few this community would guess first.
// Checked case-insensitively; anything here is refused at sign-up and password change.
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
	`
	123456 123456789 12345678 password qwerty123 qwerty 1q2w3e4r 1234567890 111111 000000
	iloveyou abc12345 password1 password123 12341234 123123123 qwertyuiop 11111111 987654321 1qaz2wsx
	00000000 zaq12wsx sunshine princess football baseball welcome123 welcome1 welkom01 welkom123
	wachtwoord wachtwoord1 wachtwoord123 letmein1 letmein123 monkey123 dragon123 trustno1 superman batman123
	starwars master123 shadow123 michael1 jennifer passw0rd p@ssw0rd p@ssword admin123 administrator
	changeme changeme123 secret123 geheim123 qazwsxedc 123qweasd asdfghjkl asdf1234 zxcvbnm1 1234qwer
	qwer1234 abcd1234 a1b2c3d4 iloveyou1 loveyou123 football1 baseball1 computer internet whatever
	freedom1 hello123 hallo123 summer2024 summer2025 summer2026 winter2025 winter2026 spring2026 autumn2026
	zomer2026 winter123 holland1 nederland amsterdam rotterdam feyenoord ajax1900 oranje123 12qwaszx
	q1w2e3r4 q1w2e3r4t5 1q2w3e4r5t 123654789 147258369 159753456 741852963 11223344 12344321 88888888
	66666666 99999999 12121212 55555555 22222222 33333333 44444444 77777777 babygirl1 sweetheart
	flower123 sunshine1 charlie1 thomas123 daniel123 jessica1 ashley123 nicole123 chocolate pokemon123
	minecraft fortnite1 liverpool chelsea1 arsenal1 barcelona realmadrid manchester 123abc123 abc123456
	password12 password1234 passwort motdepasse contrasena partner123 diplomat1 ministerie buitenland embassy1
	ambassade
`
		.split(/\s+/)
		.filter(Boolean)
);
