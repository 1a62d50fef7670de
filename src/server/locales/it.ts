/**
 * `next-auth-kit/locales/it/server`: Italian error messages and account emails.
 *
 * Termini (i componenti usano gli stessi): accedere / accesso (sign in), esci / disconnettersi
 * (sign out), registrarsi / crea un account (sign up), password, indirizzo email, account,
 * link, autenticazione a due fattori (attivare / disattivare), app di autenticazione, codice
 * di recupero, sessione. Si dà del tu. Tono: semplice e breve.
 *
 * @example
 * ```ts
 * import { it } from "next-auth-kit/locales/it/server"
 * createAccounts({ ...authConfig, store, sendEmail, locales: [it] })
 * ```
 * @packageDocumentation
 */
import type { ServerMessages } from "../i18n/messages"

/**
 * Italian (`it`) error messages and account emails.
 *
 * @example
 * ```ts
 * import { it as italian } from "next-auth-kit/locales/it/server" // `it` is also the test runner’s
 * createAuthKit(authOptions, { ...authConfig, locales: [italian] })
 * ```
 */
export const it: ServerMessages = {
  locale: "it",
  errors: {
    method_not_allowed: "Questo metodo non è consentito per questo percorso.",
    unauthenticated: "Accedi per continuare.",
    forbidden: "Non hai accesso a questa risorsa.",
    internal_error: "Si è verificato un errore. Riprova più tardi.",
    invalid_input: "Alcuni campi mancano o non sono validi.",
    invalid_token: "Questo link non è valido o è scaduto. Richiedine uno nuovo.",
    rate_limited: "Troppi tentativi. Riprova tra {time}.",
    not_found: "Qui non c’è niente.",
    mfa_enabled: "L’autenticazione a due fattori è già attiva.",
    mfa_not_enabled: "L’autenticazione a due fattori non è attiva.",
    mfa_setup_required: "Avvia prima la configurazione dell’autenticazione a due fattori.",
    last_sign_in_method: "È il tuo unico modo per accedere: aggiungi prima una password o collega un altro account.",
    reauthentication_required: "Conferma prima che sei tu: inserisci di nuovo la password o il codice.",
    passkey_invalid: "Non è stato possibile verificare la passkey. Riprova o accedi in un altro modo.",
  },
  emails: {
    greeting: "Ciao {name},",
    greetingAnonymous: "Ciao,",
    linkFallback: "Se il pulsante non funziona, copia questo link nel browser:",
    signature: "— {appName}",
    "verify-email": {
      subject: "Conferma il tuo indirizzo email per {appName}",
      intro: ["Grazie per la registrazione a {appName}. Conferma che questo è il tuo indirizzo email."],
      action: "Conferma il mio indirizzo email",
      outro: ["Questo link funziona una sola volta e scade tra {expiresIn}.", "Se non hai creato un account, puoi ignorare questa email."],
    },
    "reset-password": {
      subject: "Reimposta la password di {appName}",
      intro: ["Qualcuno (speriamo tu) ha chiesto di reimpostare la password del tuo account."],
      action: "Scegli una nuova password",
      outro: [
        "Questo link funziona una sola volta e scade tra {expiresIn}.",
        "Se non l’hai chiesto tu, puoi ignorare questa email: la tua password resta invariata.",
      ],
    },
    "signup-attempt": {
      subject: "Qualcuno ha provato a registrarsi a {appName} con il tuo indirizzo",
      intro: [
        "Qualcuno ha appena provato a creare un account con il tuo indirizzo email. Ne hai già uno, quindi non è cambiato nulla.",
        "Se eri tu, accedi. Se hai dimenticato la password, puoi reimpostarla dalla pagina di accesso.",
      ],
      action: "Accedi",
      outro: ["Se non eri tu, puoi ignorare questa email."],
    },
    "password-changed": {
      subject: "La password di {appName} è stata cambiata",
      intro: ["La password del tuo account è appena stata cambiata e tutte le altre sessioni del tuo account sono state disconnesse."],
      action: "Reimposta la password",
      outro: ["Se hai fatto tu questa modifica, non devi fare altro. Altrimenti, reimposta subito la password."],
    },
    "mfa-enabled": {
      subject: "L’autenticazione a due fattori è attiva per il tuo account {appName}",
      intro: [
        "L’autenticazione a due fattori è appena stata attivata per il tuo account. D’ora in poi, dopo la password, l’accesso richiede un codice dalla tua app di autenticazione (o uno dei tuoi codici di recupero).",
      ],
      action: "Reimposta la password",
      outro: [
        "Se hai fatto tu questa modifica, conserva i codici di recupero in un posto sicuro. Altrimenti, qualcun altro ha accesso al tuo account: reimposta subito la password.",
      ],
    },
    "mfa-disabled": {
      subject: "L’autenticazione a due fattori è disattivata per il tuo account {appName}",
      intro: ["L’autenticazione a due fattori è appena stata disattivata per il tuo account: ora l’accesso richiede solo la password."],
      action: "Reimposta la password",
      outro: [
        "Se hai fatto tu questa modifica, non devi fare altro. Altrimenti, reimposta subito la password e riattiva l’autenticazione a due fattori.",
      ],
    },
    "new-sign-in": {
      subject: "Nuovo accesso al tuo account {appName}",
      intro: [
        "Qualcuno ha appena effettuato l’accesso al tuo account da un browser mai usato prima con questo account.",
        "Quando: {time}",
        "Browser: {browser} su {os}",
        "Indirizzo IP: {ip}",
      ],
      action: "Rivedi le mie sessioni",
      outro: [
        "Se sei stato tu, non devi fare altro. Altrimenti, disconnetti quella sessione dalla pagina del tuo account e cambia la password.",
      ],
    },
    "account-deleted": {
      subject: "Il tuo account {appName} è stato eliminato",
      intro: ["Il tuo account è stato appena eliminato, con i suoi metodi di accesso, le sessioni e le impostazioni di verifica in due passaggi, e tutte le sue sessioni sono state disconnesse."],
      action: "Vai alla pagina di accesso",
      outro: ["Se l’hai eliminato tu, non c’è altro da fare. Altrimenti qualcun altro aveva accesso al tuo account: contatta l’assistenza dell’app."],
    },
    "change-email": {
      subject: "Conferma il tuo nuovo indirizzo email per {appName}",
      intro: ["Qualcuno (speriamo tu) ha chiesto che {email} diventi l’indirizzo email del proprio account {appName}. Confermalo per completare la modifica."],
      action: "Conferma il mio nuovo indirizzo email",
      outro: ["Questo link funziona una sola volta e scade tra {expiresIn}.", "Se non l’hai chiesto tu, puoi ignorare questa email: non cambierà nulla."],
    },
    "email-change-requested": {
      subject: "Richiesta di modifica dell’indirizzo email di {appName}",
      intro: ["Qualcuno ha chiesto di cambiare l’indirizzo email del tuo account in {email}. La modifica avviene solo quando viene confermato il link inviato a quell’indirizzo."],
      action: "Reimposta la password",
      outro: ["Se sei stato tu, non c’è altro da fare. Altrimenti qualcun altro ha accesso al tuo account: reimposta subito la password, così annulli anche la modifica."],
    },
    "email-change-attempt": {
      subject: "Qualcuno ha provato a usare il tuo indirizzo per un altro account {appName}",
      intro: ["Qualcuno ha appena provato a cambiare l’indirizzo email di un altro account nel tuo. Il tuo indirizzo resta al tuo account, quindi non è cambiato nulla."],
      action: "Accedi",
      outro: ["Se sei stato tu, accedi invece al tuo account. Altrimenti puoi ignorare questa email."],
    },
    "email-changed": {
      subject: "L’indirizzo email di {appName} è stato cambiato",
      intro: ["L’indirizzo email del tuo account è appena stato cambiato in {email} e tutte le altre sessioni del tuo account sono state disconnesse. Le nostre email ora arrivano al nuovo indirizzo."],
      action: "Vai alla pagina di accesso",
      outro: ["Se hai fatto tu questa modifica, non c’è altro da fare. Altrimenti qualcun altro aveva accesso al tuo account: contatta l’assistenza dell’app."],
    },
    "passkey-added": {
      subject: "È stata aggiunta una passkey al tuo account {appName}",
      intro: ["È stata appena aggiunta una passkey al tuo account: ora permette di accedervi, e tutte le altre sessioni del tuo account sono state disconnesse."],
      action: "Controlla le mie passkey",
      outro: ["Se l’hai aggiunta tu, non devi fare altro. Altrimenti qualcun altro ha accesso al tuo account: rimuovi la passkey dalla pagina del tuo account e cambia la password."],
    },
    "passkey-removed": {
      subject: "È stata rimossa una passkey dal tuo account {appName}",
      intro: ["È stata appena rimossa una passkey dal tuo account: non permette più di accedervi, e tutte le altre sessioni del tuo account sono state disconnesse."],
      action: "Controlla le mie passkey",
      outro: ["Se l’hai rimossa tu, non devi fare altro. Altrimenti qualcun altro ha accesso al tuo account: controlla le tue passkey e cambia la password."],
    },
  },
}
