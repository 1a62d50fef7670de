/**
 * `next-auth-kit/locales/nl/server`: Dutch error messages and account emails.
 *
 * Termen (de componenten gebruiken dezelfde): inloggen (sign in), uitloggen (sign out),
 * aanmelden / account aanmaken (sign up), wachtwoord, e-mailadres, account, link,
 * tweestapsverificatie (inschakelen / uitschakelen), authenticator-app, herstelcode, sessie.
 * Aanspreekvorm: "je". Toon: eenvoudig en kort.
 *
 * @example
 * ```ts
 * import { nl } from "next-auth-kit/locales/nl/server"
 * createAccounts({ ...authConfig, store, sendEmail, locales: [nl] })
 * ```
 * @packageDocumentation
 */
import type { ServerMessages } from "../i18n/messages"

/**
 * Dutch (`nl`) error messages and account emails.
 *
 * @example
 * ```ts
 * import { nl } from "next-auth-kit/locales/nl/server"
 * createAuthKit(authOptions, { ...authConfig, locales: [nl] })
 * ```
 */
export const nl: ServerMessages = {
  locale: "nl",
  errors: {
    method_not_allowed: "Deze methode is niet toegestaan op deze route.",
    unauthenticated: "Log in om verder te gaan.",
    forbidden: "Je hebt geen toegang tot deze bron.",
    internal_error: "Er is iets misgegaan. Probeer het later opnieuw.",
    invalid_input: "Sommige velden ontbreken of zijn ongeldig.",
    invalid_token: "Deze link is ongeldig of verlopen. Vraag een nieuwe aan.",
    rate_limited: "Te veel pogingen. Probeer het over {time} opnieuw.",
    not_found: "Hier is niets te vinden.",
    mfa_enabled: "Tweestapsverificatie is al ingeschakeld.",
    mfa_not_enabled: "Tweestapsverificatie is niet ingeschakeld.",
    mfa_setup_required: "Begin eerst met het instellen van tweestapsverificatie.",
    last_sign_in_method: "Dit is je enige manier om in te loggen: voeg eerst een wachtwoord toe of koppel een ander account.",
    reauthentication_required: "Bevestig eerst dat jij het bent: voer je wachtwoord of code opnieuw in.",
    passkey_invalid: "De toegangssleutel kon niet worden gecontroleerd. Probeer het opnieuw, of log op een andere manier in.",
  },
  emails: {
    greeting: "Hallo {name},",
    greetingAnonymous: "Hallo,",
    linkFallback: "Werkt de knop niet? Kopieer dan deze link naar je browser:",
    signature: "— {appName}",
    "verify-email": {
      subject: "Bevestig je e-mailadres voor {appName}",
      intro: ["Bedankt voor je aanmelding bij {appName}. Bevestig dat dit je e-mailadres is."],
      action: "Mijn e-mailadres bevestigen",
      outro: ["Deze link werkt één keer en verloopt over {expiresIn}.", "Heb je geen account aangemaakt? Dan kun je deze e-mail negeren."],
    },
    "reset-password": {
      subject: "Stel je wachtwoord voor {appName} opnieuw in",
      intro: ["Iemand (hopelijk jij) heeft gevraagd om het wachtwoord van je account opnieuw in te stellen."],
      action: "Nieuw wachtwoord kiezen",
      outro: [
        "Deze link werkt één keer en verloopt over {expiresIn}.",
        "Heb je hier niet om gevraagd? Dan kun je deze e-mail negeren: je wachtwoord blijft zoals het is.",
      ],
    },
    "signup-attempt": {
      subject: "Iemand probeerde zich met jouw adres aan te melden bij {appName}",
      intro: [
        "Iemand heeft net geprobeerd een account aan te maken met jouw e-mailadres. Je hebt er al een, dus er is niets gewijzigd.",
        "Was jij dat? Log dan in. Ben je je wachtwoord vergeten? Dan kun je het opnieuw instellen via de inlogpagina.",
      ],
      action: "Inloggen",
      outro: ["Was jij dat niet? Dan kun je deze e-mail negeren."],
    },
    "password-changed": {
      subject: "Je wachtwoord voor {appName} is gewijzigd",
      intro: ["Het wachtwoord van je account is net gewijzigd en alle andere sessies van je account zijn uitgelogd."],
      action: "Mijn wachtwoord opnieuw instellen",
      outro: ["Heb jij dit gedaan? Dan hoef je niets meer te doen. Zo niet, stel je wachtwoord dan nu opnieuw in."],
    },
    "mfa-enabled": {
      subject: "Tweestapsverificatie is ingeschakeld voor je account bij {appName}",
      intro: [
        "Tweestapsverificatie is net ingeschakeld voor je account. Vanaf nu vraagt het inloggen na je wachtwoord om een code uit je authenticator-app (of een van je herstelcodes).",
      ],
      action: "Mijn wachtwoord opnieuw instellen",
      outro: [
        "Heb jij dit gedaan? Bewaar je herstelcodes dan op een veilige plek. Zo niet, dan heeft iemand anders toegang tot je account: stel je wachtwoord nu opnieuw in.",
      ],
    },
    "mfa-disabled": {
      subject: "Tweestapsverificatie is uitgeschakeld voor je account bij {appName}",
      intro: ["Tweestapsverificatie is net uitgeschakeld voor je account: inloggen vraagt nu alleen nog om je wachtwoord."],
      action: "Mijn wachtwoord opnieuw instellen",
      outro: [
        "Heb jij dit gedaan? Dan hoef je niets meer te doen. Zo niet, stel je wachtwoord dan nu opnieuw in en schakel tweestapsverificatie weer in.",
      ],
    },
    "new-sign-in": {
      subject: "Nieuwe aanmelding bij je {appName}-account",
      intro: [
        "Er is zojuist aangemeld bij je account vanuit een browser die daar nog nooit voor was gebruikt.",
        "Wanneer: {time}",
        "Browser: {browser} op {os}",
        "IP-adres: {ip}",
      ],
      action: "Mijn sessies bekijken",
      outro: [
        "Was jij dit, dan hoef je niets te doen. Zo niet, meld die sessie dan af via je accountpagina en wijzig je wachtwoord.",
      ],
    },
    "account-deleted": {
      subject: "Je {appName}-account is verwijderd",
      intro: ["Je account is zojuist verwijderd, met de inlogmethoden, sessies en instellingen voor tweestapsverificatie, en al zijn sessies zijn uitgelogd."],
      action: "Naar de inlogpagina",
      outro: ["Als jij het hebt verwijderd, hoef je niets meer te doen. Zo niet, dan had iemand anders toegang tot je account: neem contact op met de ondersteuning van de app."],
    },
    "change-email": {
      subject: "Bevestig je nieuwe e-mailadres voor {appName}",
      intro: ["Iemand (hopelijk jij) heeft gevraagd om {email} het e-mailadres van een account bij {appName} te maken. Bevestig het om de wijziging af te ronden."],
      action: "Mijn nieuwe e-mailadres bevestigen",
      outro: ["Deze link werkt één keer en verloopt over {expiresIn}.", "Heb je dit niet gevraagd? Dan kun je deze e-mail negeren: er verandert niets."],
    },
    "email-change-requested": {
      subject: "Wijziging van je e-mailadres bij {appName} aangevraagd",
      intro: ["Iemand heeft gevraagd het e-mailadres van je account te wijzigen in {email}. De wijziging gebeurt pas als de link die naar dat adres is gestuurd, wordt bevestigd."],
      action: "Mijn wachtwoord opnieuw instellen",
      outro: ["Was jij dit, dan hoef je niets meer te doen. Zo niet, dan heeft iemand anders toegang tot je account: stel nu je wachtwoord opnieuw in, daarmee vervalt ook de wijziging."],
    },
    "email-change-attempt": {
      subject: "Iemand probeerde je adres te gebruiken voor een ander account bij {appName}",
      intro: ["Iemand probeerde net het e-mailadres van een ander account te wijzigen in het jouwe. Je adres blijft bij je account, dus er is niets gewijzigd."],
      action: "Inloggen",
      outro: ["Was jij dit, log dan in op je eigen account. Zo niet, dan kun je deze e-mail negeren."],
    },
    "email-changed": {
      subject: "Je e-mailadres bij {appName} is gewijzigd",
      intro: ["Het e-mailadres van je account is net gewijzigd in {email} en alle andere sessies van je account zijn uitgelogd. Onze e-mails gaan nu naar het nieuwe adres."],
      action: "Naar de inlogpagina",
      outro: ["Heb jij dit gewijzigd, dan hoef je niets meer te doen. Zo niet, dan had iemand anders toegang tot je account: neem contact op met de ondersteuning van de app."],
    },
    "passkey-added": {
      subject: "Er is een toegangssleutel toegevoegd aan je {appName}-account",
      intro: ["Er is zojuist een toegangssleutel aan je account toegevoegd: daarmee kan nu worden ingelogd, en alle andere sessies van je account zijn uitgelogd."],
      action: "Mijn toegangssleutels bekijken",
      outro: ["Als jij hem hebt toegevoegd, hoef je niets meer te doen. Zo niet, dan heeft iemand anders toegang tot je account: verwijder de toegangssleutel op je accountpagina en wijzig je wachtwoord."],
    },
    "passkey-removed": {
      subject: "Er is een toegangssleutel verwijderd uit je {appName}-account",
      intro: ["Er is zojuist een toegangssleutel uit je account verwijderd: daarmee kan niet meer worden ingelogd, en alle andere sessies van je account zijn uitgelogd."],
      action: "Mijn toegangssleutels bekijken",
      outro: ["Als jij hem hebt verwijderd, hoef je niets meer te doen. Zo niet, dan heeft iemand anders toegang tot je account: controleer je toegangssleutels en wijzig je wachtwoord."],
    },
  },
}
