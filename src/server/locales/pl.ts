/**
 * `next-auth-kit/locales/pl/server`: Polish error messages and account emails.
 *
 * Terminy (komponenty używają tych samych): zaloguj się / logowanie (sign in), wyloguj się
 * (sign out), załóż konto / rejestracja (sign up), hasło, adres e-mail, konto, link,
 * uwierzytelnianie dwuskładnikowe (włączyć / wyłączyć), aplikacja uwierzytelniająca, kod
 * odzyskiwania, sesja. Forma: "ty" (w e-mailach wielką literą: Twój, Ciebie), bez form
 * zależnych od płci. Ton: prosty i krótki. Czas trwania po dwukropku ("Czas ważności: 24
 * godziny"), bo Intl podaje mianownik.
 *
 * @example
 * ```ts
 * import { pl } from "next-auth-kit/locales/pl/server"
 * createAccounts({ ...authConfig, store, sendEmail, locales: [pl] })
 * ```
 * @packageDocumentation
 */
import type { ServerMessages } from "../i18n/messages"

/**
 * Polish (`pl`) error messages and account emails.
 *
 * @example
 * ```ts
 * import { pl } from "next-auth-kit/locales/pl/server"
 * createAuthKit(authOptions, { ...authConfig, locales: [pl] })
 * ```
 */
export const pl: ServerMessages = {
  locale: "pl",
  errors: {
    method_not_allowed: "Ta metoda nie jest dozwolona dla tej ścieżki.",
    unauthenticated: "Zaloguj się, aby kontynuować.",
    forbidden: "Nie masz dostępu do tego zasobu.",
    internal_error: "Coś poszło nie tak. Spróbuj ponownie później.",
    invalid_input: "Brakuje niektórych pól lub są one nieprawidłowe.",
    invalid_token: "Ten link jest nieprawidłowy lub wygasł. Poproś o nowy.",
    rate_limited: "Zbyt wiele prób. Czas oczekiwania: {time}.",
    not_found: "Nic tu nie ma.",
    mfa_enabled: "Uwierzytelnianie dwuskładnikowe jest już włączone.",
    mfa_not_enabled: "Uwierzytelnianie dwuskładnikowe nie jest włączone.",
    mfa_setup_required: "Najpierw rozpocznij konfigurację uwierzytelniania dwuskładnikowego.",
    last_sign_in_method: "To Twój jedyny sposób logowania: najpierw dodaj hasło lub połącz inne konto.",
    reauthentication_required: "Najpierw potwierdź, że to Ty: wpisz ponownie hasło lub kod.",
    passkey_invalid: "Nie udało się zweryfikować klucza dostępu. Spróbuj ponownie lub zaloguj się w inny sposób.",
  },
  emails: {
    greeting: "Cześć {name},",
    greetingAnonymous: "Cześć,",
    linkFallback: "Jeśli przycisk nie działa, skopiuj ten link do przeglądarki:",
    signature: "— {appName}",
    "verify-email": {
      subject: "Potwierdź swój adres e-mail w {appName}",
      intro: ["Dziękujemy za rejestrację w {appName}. Potwierdź, że to Twój adres e-mail."],
      action: "Potwierdź adres e-mail",
      outro: [
        "Ten link działa tylko raz. Czas ważności: {expiresIn}.",
        "Jeśli konto nie zostało założone przez Ciebie, możesz zignorować tę wiadomość.",
      ],
    },
    "reset-password": {
      subject: "Zresetuj hasło do {appName}",
      intro: ["Otrzymaliśmy prośbę o zresetowanie hasła do Twojego konta (mamy nadzieję, że od Ciebie)."],
      action: "Wybierz nowe hasło",
      outro: [
        "Ten link działa tylko raz. Czas ważności: {expiresIn}.",
        "Jeśli to nie Twoja prośba, możesz zignorować tę wiadomość: Twoje hasło pozostanie bez zmian.",
      ],
    },
    "signup-attempt": {
      subject: "Ktoś próbował założyć konto w {appName} z Twoim adresem",
      intro: [
        "Ktoś właśnie próbował założyć konto z Twoim adresem e-mail. Masz już konto, więc nic nie zostało zmienione.",
        "Jeśli to Ty, po prostu się zaloguj. Jeśli nie pamiętasz hasła, możesz je zresetować na stronie logowania.",
      ],
      action: "Zaloguj się",
      outro: ["Jeśli to nie Ty, możesz zignorować tę wiadomość."],
    },
    "password-changed": {
      subject: "Hasło do {appName} zostało zmienione",
      intro: ["Hasło do Twojego konta zostało właśnie zmienione, a wszystkie inne sesje Twojego konta zostały wylogowane."],
      action: "Zresetuj hasło",
      outro: ["Jeśli to Twoja zmiana, nie musisz nic więcej robić. Jeśli nie, zresetuj hasło teraz."],
    },
    "mfa-enabled": {
      subject: "Uwierzytelnianie dwuskładnikowe jest włączone dla Twojego konta w {appName}",
      intro: [
        "Uwierzytelnianie dwuskładnikowe zostało właśnie włączone dla Twojego konta. Od teraz po haśle logowanie będzie wymagać kodu z aplikacji uwierzytelniającej (lub jednego z kodów odzyskiwania).",
      ],
      action: "Zresetuj hasło",
      outro: [
        "Jeśli to Twoja zmiana, przechowuj kody odzyskiwania w bezpiecznym miejscu. Jeśli nie, ktoś inny ma dostęp do Twojego konta: zresetuj hasło teraz.",
      ],
    },
    "mfa-disabled": {
      subject: "Uwierzytelnianie dwuskładnikowe jest wyłączone dla Twojego konta w {appName}",
      intro: ["Uwierzytelnianie dwuskładnikowe zostało właśnie wyłączone dla Twojego konta: logowanie wymaga teraz tylko hasła."],
      action: "Zresetuj hasło",
      outro: [
        "Jeśli to Twoja zmiana, nie musisz nic więcej robić. Jeśli nie, zresetuj hasło teraz i ponownie włącz uwierzytelnianie dwuskładnikowe.",
      ],
    },
    "new-sign-in": {
      subject: "Nowe logowanie na Twoje konto w {appName}",
      intro: [
        "Ktoś właśnie zalogował się na Twoje konto z przeglądarki, której wcześniej z nim nie używano.",
        "Kiedy: {time}",
        "Przeglądarka: {browser}, system {os}",
        "Adres IP: {ip}",
      ],
      action: "Przejrzyj moje sesje",
      outro: [
        "Jeśli to Ty, nie musisz nic robić. Jeśli nie, wyloguj tę sesję na stronie swojego konta i zmień hasło.",
      ],
    },
    "account-deleted": {
      subject: "Twoje konto w {appName} zostało usunięte",
      intro: ["Twoje konto zostało właśnie usunięte wraz z metodami logowania, sesjami i ustawieniami weryfikacji dwuetapowej, a wszystkie jego sesje zostały wylogowane."],
      action: "Przejdź do strony logowania",
      outro: ["Jeśli to Ty je usunąłeś, nie musisz nic więcej robić. Jeśli nie, ktoś inny miał dostęp do Twojego konta: skontaktuj się z pomocą techniczną aplikacji."],
    },
    "change-email": {
      subject: "Potwierdź nowy adres e-mail w {appName}",
      intro: ["Ktoś (mamy nadzieję, że Ty) poprosił, aby {email} stał się adresem e-mail konta w {appName}. Potwierdź go, aby dokończyć zmianę."],
      action: "Potwierdź nowy adres e-mail",
      outro: ["Ten link działa tylko raz. Czas ważności: {expiresIn}.", "Jeśli nikt Cię o to nie prosił, możesz zignorować tę wiadomość: nic się nie zmieni."],
    },
    "email-change-requested": {
      subject: "Poproszono o zmianę adresu e-mail w {appName}",
      intro: ["Ktoś poprosił o zmianę adresu e-mail Twojego konta na {email}. Zmiana nastąpi dopiero po potwierdzeniu linku wysłanego na ten adres."],
      action: "Zresetuj hasło",
      outro: ["Jeśli to Ty, nie musisz nic więcej robić. Jeśli nie, ktoś inny ma dostęp do Twojego konta: zresetuj teraz hasło, co anuluje też zmianę."],
    },
    "email-change-attempt": {
      subject: "Ktoś próbował użyć Twojego adresu dla innego konta w {appName}",
      intro: ["Ktoś właśnie próbował zmienić adres e-mail innego konta na Twój. Twój adres pozostaje przy Twoim koncie, więc nic nie zostało zmienione."],
      action: "Zaloguj się",
      outro: ["Jeśli to Ty, zaloguj się zamiast tego na swoje konto. Jeśli nie, możesz zignorować tę wiadomość."],
    },
    "email-changed": {
      subject: "Adres e-mail Twojego konta w {appName} został zmieniony",
      intro: ["Adres e-mail Twojego konta został właśnie zmieniony na {email}, a wszystkie inne sesje Twojego konta zostały wylogowane. Nasze wiadomości trafiają teraz na nowy adres."],
      action: "Przejdź do strony logowania",
      outro: ["Jeśli to Ty wprowadziłeś tę zmianę, nie musisz nic więcej robić. Jeśli nie, ktoś inny miał dostęp do Twojego konta: skontaktuj się z pomocą techniczną aplikacji."],
    },
    "passkey-added": {
      subject: "Do Twojego konta w {appName} dodano klucz dostępu",
      intro: ["Do Twojego konta właśnie dodano klucz dostępu: można się nim teraz logować, a wszystkie pozostałe sesje Twojego konta zostały wylogowane."],
      action: "Przejrzyj moje klucze dostępu",
      outro: ["Jeśli to Ty go dodałeś, nie musisz nic więcej robić. Jeśli nie, ktoś inny ma dostęp do Twojego konta: usuń klucz dostępu na stronie konta i zmień hasło."],
    },
    "passkey-removed": {
      subject: "Z Twojego konta w {appName} usunięto klucz dostępu",
      intro: ["Z Twojego konta właśnie usunięto klucz dostępu: nie można się już nim logować, a wszystkie pozostałe sesje Twojego konta zostały wylogowane."],
      action: "Przejrzyj moje klucze dostępu",
      outro: ["Jeśli to Ty go usunąłeś, nie musisz nic więcej robić. Jeśli nie, ktoś inny ma dostęp do Twojego konta: przejrzyj swoje klucze dostępu i zmień hasło."],
    },
  },
}
