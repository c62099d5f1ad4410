// PIN and password rules, the same as Go's (backend/staff/auth.go): a PIN is 4 to 8 digits, a
// password 6 to 64 characters that are not all digits. The owner must use a password. A PIN may not be
// one digit repeated (1111) or a run up or down by one (1234, 9876).

export type SecretProblem = '' | 'required' | 'pinLength' | 'pinGuessable' | 'passwordTooShort' | 'passwordTooLong' | 'ownerNeedsPassword'

export function secretKind(secret: string): 'pin' | 'password' {
  return /^[0-9]+$/.test(secret) ? 'pin' : 'password'
}

/** secretProblem names what is wrong with a new PIN or password, or '' when it is fine. */
export function secretProblem(secret: string, opts: { required: boolean; owner?: boolean }): SecretProblem {
  if (secret === '') return opts.required ? 'required' : ''
  const n = [...secret].length
  if (secretKind(secret) === 'pin') {
    if (opts.owner) return 'ownerNeedsPassword'
    if (n < 4 || n > 8) return 'pinLength'
    return guessablePIN(secret) ? 'pinGuessable' : ''
  }
  if (n < 6) return 'passwordTooShort'
  if (n > 64) return 'passwordTooLong'
  return ''
}

function guessablePIN(pin: string): boolean {
  const steps = new Set<number>()
  for (let i = 1; i < pin.length; i++) steps.add(pin.charCodeAt(i) - pin.charCodeAt(i - 1))
  return steps.size === 1 && [0, 1, -1].includes([...steps][0])
}

/** nameProblem: staff names are required and at most 20 characters. */
export function nameProblem(name: string): '' | 'required' | 'tooLong' {
  const n = name.trim()
  if (!n) return 'required'
  return [...n].length > 20 ? 'tooLong' : ''
}
