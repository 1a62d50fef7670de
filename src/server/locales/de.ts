/**
 * `next-auth-kit/locales/de/server`: German error messages and account emails.
 *
 * Begriffe (die Komponenten verwenden dieselben): anmelden / Anmeldung (sign in), abmelden
 * (sign out), registrieren (sign up), Passwort, E-Mail-Adresse, Konto, Link,
 * Zwei-Faktor-Authentifizierung (ein- / ausschalten), Authenticator-App,
 * Wiederherstellungscode, Sitzung. Anrede: „Sie“. Ton: schlicht und kurz.
 *
 * @example
 * ```ts
 * import { de } from "next-auth-kit/locales/de/server"
 * createAccounts({ ...authConfig, store, sendEmail, locales: [de] })
 * ```
 * @packageDocumentation
 */
import type { ServerMessages } from "../i18n/messages"

/**
 * German (`de`) error messages and account emails.
 *
 * @example
 * ```ts
 * import { de } from "next-auth-kit/locales/de/server"
 * createAuthKit(authOptions, { ...authConfig, locales: [de] })
 * ```
 */
export const de: ServerMessages = {
  locale: "de",
  errors: {
    method_not_allowed: "Diese Methode ist für diese Route nicht erlaubt.",
    unauthenticated: "Melden Sie sich an, um fortzufahren.",
    forbidden: "Sie haben keinen Zugriff auf diese Ressource.",
    internal_error: "Etwas ist schiefgelaufen. Bitte versuchen Sie es später erneut.",
    invalid_input: "Einige Felder fehlen oder sind ungültig.",
    invalid_token: "Dieser Link ist ungültig oder abgelaufen. Fordern Sie einen neuen an.",
    rate_limited: "Zu viele Versuche. Versuchen Sie es in {time} erneut.",
    not_found: "Hier gibt es nichts.",
    mfa_enabled: "Die Zwei-Faktor-Authentifizierung ist bereits eingeschaltet.",
    mfa_not_enabled: "Die Zwei-Faktor-Authentifizierung ist nicht eingeschaltet.",
    mfa_setup_required: "Beginnen Sie zuerst mit der Einrichtung der Zwei-Faktor-Authentifizierung.",
    last_sign_in_method: "Dies ist Ihre einzige Anmeldemöglichkeit: Legen Sie zuerst ein Passwort fest oder verknüpfen Sie ein anderes Konto.",
    reauthentication_required: "Bestätigen Sie zuerst, dass Sie es sind: Geben Sie Ihr Passwort oder Ihren Code erneut ein.",
    passkey_invalid: "Der Passkey konnte nicht überprüft werden. Versuchen Sie es erneut oder melden Sie sich auf andere Weise an.",
  },
  emails: {
    greeting: "Hallo {name},",
    greetingAnonymous: "Hallo,",
    linkFallback: "Falls die Schaltfläche nicht funktioniert, kopieren Sie diesen Link in Ihren Browser:",
    signature: "— {appName}",
    "verify-email": {
      subject: "Bestätigen Sie Ihre E-Mail-Adresse für {appName}",
      intro: ["Danke für Ihre Registrierung bei {appName}. Bitte bestätigen Sie, dass dies Ihre E-Mail-Adresse ist."],
      action: "E-Mail-Adresse bestätigen",
      outro: [
        "Dieser Link funktioniert einmal und ist {expiresIn} lang gültig.",
        "Falls Sie kein Konto erstellt haben, können Sie diese E-Mail ignorieren.",
      ],
    },
    "reset-password": {
      subject: "Setzen Sie Ihr Passwort für {appName} zurück",
      intro: ["Jemand (hoffentlich Sie) hat angefordert, das Passwort Ihres Kontos zurückzusetzen."],
      action: "Neues Passwort wählen",
      outro: [
        "Dieser Link funktioniert einmal und ist {expiresIn} lang gültig.",
        "Falls Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren: Ihr Passwort bleibt unverändert.",
      ],
    },
    "signup-attempt": {
      subject: "Jemand wollte sich mit Ihrer Adresse bei {appName} registrieren",
      intro: [
        "Jemand hat gerade versucht, mit Ihrer E-Mail-Adresse ein Konto zu erstellen. Sie haben bereits eines, daher wurde nichts geändert.",
        "Falls Sie das waren, melden Sie sich stattdessen an. Falls Sie Ihr Passwort vergessen haben, können Sie es auf der Anmeldeseite zurücksetzen.",
      ],
      action: "Anmelden",
      outro: ["Falls Sie das nicht waren, können Sie diese E-Mail ignorieren."],
    },
    "password-changed": {
      subject: "Ihr Passwort für {appName} wurde geändert",
      intro: ["Das Passwort Ihres Kontos wurde gerade geändert, und alle anderen Sitzungen Ihres Kontos wurden abgemeldet."],
      action: "Passwort zurücksetzen",
      outro: ["Falls Sie das waren, ist nichts weiter zu tun. Falls nicht, setzen Sie Ihr Passwort jetzt zurück."],
    },
    "mfa-enabled": {
      subject: "Die Zwei-Faktor-Authentifizierung ist für Ihr Konto bei {appName} eingeschaltet",
      intro: [
        "Die Zwei-Faktor-Authentifizierung wurde gerade für Ihr Konto eingeschaltet. Ab jetzt fragt die Anmeldung nach Ihrem Passwort nach einem Code aus Ihrer Authenticator-App (oder einem Ihrer Wiederherstellungscodes).",
      ],
      action: "Passwort zurücksetzen",
      outro: [
        "Falls Sie das waren, bewahren Sie Ihre Wiederherstellungscodes sicher auf. Falls nicht, hat jemand anderes Zugriff auf Ihr Konto: Setzen Sie Ihr Passwort jetzt zurück.",
      ],
    },
    "mfa-disabled": {
      subject: "Die Zwei-Faktor-Authentifizierung ist für Ihr Konto bei {appName} ausgeschaltet",
      intro: [
        "Die Zwei-Faktor-Authentifizierung wurde gerade für Ihr Konto ausgeschaltet: Die Anmeldung fragt jetzt nur noch nach Ihrem Passwort.",
      ],
      action: "Passwort zurücksetzen",
      outro: [
        "Falls Sie das waren, ist nichts weiter zu tun. Falls nicht, setzen Sie Ihr Passwort jetzt zurück und schalten Sie die Zwei-Faktor-Authentifizierung wieder ein.",
      ],
    },
    "new-sign-in": {
      subject: "Neue Anmeldung bei Ihrem Konto bei {appName}",
      intro: [
        "Bei Ihrem Konto hat sich gerade jemand mit einem Browser angemeldet, der dafür noch nie verwendet wurde.",
        "Wann: {time}",
        "Browser: {browser} auf {os}",
        "IP-Adresse: {ip}",
      ],
      action: "Meine Sitzungen ansehen",
      outro: [
        "Falls Sie das waren, ist nichts weiter zu tun. Falls nicht, melden Sie diese Sitzung auf Ihrer Kontoseite ab und ändern Sie Ihr Passwort.",
      ],
    },
    "account-deleted": {
      subject: "Ihr Konto bei {appName} wurde gelöscht",
      intro: ["Ihr Konto wurde gerade gelöscht, mit seinen Anmeldemethoden, Sitzungen und Zwei-Faktor-Einstellungen, und jede seiner Sitzungen wurde abgemeldet."],
      action: "Zur Anmeldeseite",
      outro: ["Falls Sie es gelöscht haben, ist nichts weiter zu tun. Falls nicht, hatte jemand anderes Zugriff auf Ihr Konto: Wenden Sie sich an den Support der App."],
    },
    "change-email": {
      subject: "Bestätigen Sie Ihre neue E-Mail-Adresse für {appName}",
      intro: ["Jemand (hoffentlich Sie) möchte {email} zur E-Mail-Adresse seines Kontos bei {appName} machen. Bestätigen Sie die Adresse, um die Änderung abzuschließen."],
      action: "Neue E-Mail-Adresse bestätigen",
      outro: ["Dieser Link funktioniert einmal und ist {expiresIn} lang gültig.", "Falls Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren: Es ändert sich nichts."],
    },
    "email-change-requested": {
      subject: "Änderung Ihrer E-Mail-Adresse bei {appName} angefordert",
      intro: ["Jemand hat angefordert, die E-Mail-Adresse Ihres Kontos in {email} zu ändern. Die Änderung erfolgt erst, wenn der an diese Adresse gesendete Link bestätigt wird."],
      action: "Passwort zurücksetzen",
      outro: ["Falls Sie das waren, ist nichts weiter zu tun. Falls nicht, hat jemand anderes Zugriff auf Ihr Konto: Setzen Sie jetzt Ihr Passwort zurück, damit wird auch die Änderung verworfen."],
    },
    "email-change-attempt": {
      subject: "Jemand wollte Ihre Adresse für ein anderes Konto bei {appName} verwenden",
      intro: ["Jemand hat gerade versucht, die E-Mail-Adresse eines anderen Kontos in Ihre zu ändern. Ihre Adresse bleibt bei Ihrem Konto, es wurde also nichts geändert."],
      action: "Anmelden",
      outro: ["Falls Sie das waren, melden Sie sich stattdessen bei Ihrem eigenen Konto an. Falls nicht, können Sie diese E-Mail ignorieren."],
    },
    "email-changed": {
      subject: "Die E-Mail-Adresse Ihres Kontos bei {appName} wurde geändert",
      intro: ["Die E-Mail-Adresse Ihres Kontos wurde gerade in {email} geändert, und alle anderen Sitzungen Ihres Kontos wurden abgemeldet. E-Mails von uns gehen jetzt an die neue Adresse."],
      action: "Zur Anmeldeseite",
      outro: ["Falls Sie diese Änderung vorgenommen haben, ist nichts weiter zu tun. Falls nicht, hatte jemand anderes Zugriff auf Ihr Konto: Wenden Sie sich an den Support der App."],
    },
    "passkey-added": {
      subject: "Ein Passkey wurde zu Ihrem Konto bei {appName} hinzugefügt",
      intro: ["Zu Ihrem Konto wurde gerade ein Passkey hinzugefügt: Mit ihm kann man sich jetzt anmelden, und jede andere Sitzung Ihres Kontos wurde abgemeldet."],
      action: "Meine Passkeys ansehen",
      outro: ["Falls Sie ihn hinzugefügt haben, ist nichts weiter zu tun. Falls nicht, hat jemand anderes Zugriff auf Ihr Konto: Entfernen Sie den Passkey auf Ihrer Kontoseite und ändern Sie Ihr Passwort."],
    },
    "passkey-removed": {
      subject: "Ein Passkey wurde aus Ihrem Konto bei {appName} entfernt",
      intro: ["Aus Ihrem Konto wurde gerade ein Passkey entfernt: Mit ihm ist keine Anmeldung mehr möglich, und jede andere Sitzung Ihres Kontos wurde abgemeldet."],
      action: "Meine Passkeys ansehen",
      outro: ["Falls Sie ihn entfernt haben, ist nichts weiter zu tun. Falls nicht, hat jemand anderes Zugriff auf Ihr Konto: Prüfen Sie Ihre Passkeys und ändern Sie Ihr Passwort."],
    },
  },
}
