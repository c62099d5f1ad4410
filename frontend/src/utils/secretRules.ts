// PIN and password rules, the same as Go's (backend/staff/auth.go): a PIN is 4 to 8 digits, a
// password 6 to 64 characters that are not all digits. The owner must use a password.

export type SecretProblem = '' | 'required' | 'pinLength' | 'passwordTooShort' | 'passwordTooLong' | 'ownerNeedsPassword'

export function secretKind(secret: string): 'pin' | 'password' {
  return /^[0-9]+$/.test(secret) ? 'pin' : 'password'
}

/** secretProblem names what is wrong with a new PIN or password, or '' when it is fine. */
export function secretProblem(secret: string, opts: { required: boolean; owner?: boolean }): SecretProblem {
  if (secret === '') return opts.required ? 'required' : ''
  const n = [...secret].length
  if (secretKind(secret) === 'pin') {
    if (opts.owner) return 'ownerNeedsPassword'
    return n < 4 || n > 8 ? 'pinLength' : ''
  }
  if (n < 6) return 'passwordTooShort'
  if (n > 64) return 'passwordTooLong'
  return ''
}

/** nameProblem: staff names are required and at most 20 characters. */
export function nameProblem(name: string): '' | 'required' | 'tooLong' {
  const n = name.trim()
  if (!n) return 'required'
  return [...n].length > 20 ? 'tooLong' : ''
}
