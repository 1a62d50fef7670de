/**
 * `next-auth-kit/locales/es/server`: Spanish error messages and account emails.
 *
 * Términos (los componentes usan los mismos): iniciar sesión (sign in), cerrar sesión (sign
 * out), registrarse / crear una cuenta (sign up), contraseña, correo electrónico / dirección
 * de correo electrónico, cuenta, enlace, verificación en dos pasos (activar / desactivar),
 * aplicación de autenticación, código de recuperación, sesión. Tuteo. Tono: sencillo y breve.
 *
 * @example
 * ```ts
 * import { es } from "next-auth-kit/locales/es/server"
 * createAccounts({ ...authConfig, store, sendEmail, locales: [es] })
 * ```
 * @packageDocumentation
 */
import type { ServerMessages } from "../i18n/messages"

/**
 * Spanish (`es`) error messages and account emails.
 *
 * @example
 * ```ts
 * import { es } from "next-auth-kit/locales/es/server"
 * createAuthKit(authOptions, { ...authConfig, locales: [es] })
 * ```
 */
export const es: ServerMessages = {
  locale: "es",
  errors: {
    method_not_allowed: "Este método no está permitido en esta ruta.",
    unauthenticated: "Inicia sesión para continuar.",
    forbidden: "No tienes acceso a este recurso.",
    internal_error: "Algo salió mal. Vuelve a intentarlo más tarde.",
    invalid_input: "Faltan algunos campos o no son válidos.",
    invalid_token: "Este enlace no es válido o ha caducado. Pide uno nuevo.",
    rate_limited: "Demasiados intentos. Vuelve a intentarlo en {time}.",
    not_found: "Aquí no hay nada.",
    mfa_enabled: "La verificación en dos pasos ya está activada.",
    mfa_not_enabled: "La verificación en dos pasos no está activada.",
    mfa_setup_required: "Primero inicia la configuración de la verificación en dos pasos.",
    last_sign_in_method: "Es tu única forma de iniciar sesión: primero añade una contraseña o vincula otra cuenta.",
    reauthentication_required: "Primero confirma que eres tú: vuelve a introducir tu contraseña o código.",
    passkey_invalid: "No se pudo verificar la llave de acceso. Inténtalo de nuevo o inicia sesión de otra forma.",
  },
  emails: {
    greeting: "Hola, {name}:",
    greetingAnonymous: "Hola:",
    linkFallback: "Si el botón no funciona, copia este enlace en tu navegador:",
    signature: "— {appName}",
    "verify-email": {
      subject: "Confirma tu correo electrónico para {appName}",
      intro: ["Gracias por registrarte en {appName}. Confirma que esta es tu dirección de correo electrónico."],
      action: "Confirmar mi correo electrónico",
      outro: ["Este enlace funciona una sola vez y caduca en {expiresIn}.", "Si no creaste una cuenta, puedes ignorar este correo."],
    },
    "reset-password": {
      subject: "Restablece tu contraseña de {appName}",
      intro: ["Alguien (esperamos que tú) pidió restablecer la contraseña de tu cuenta."],
      action: "Elegir una contraseña nueva",
      outro: [
        "Este enlace funciona una sola vez y caduca en {expiresIn}.",
        "Si no lo pediste, puedes ignorar este correo: tu contraseña no cambia.",
      ],
    },
    "signup-attempt": {
      subject: "Alguien intentó registrarse en {appName} con tu dirección",
      intro: [
        "Alguien acaba de intentar crear una cuenta con tu dirección de correo electrónico. Ya tienes una, así que no se cambió nada.",
        "Si fuiste tú, inicia sesión. Si olvidaste tu contraseña, puedes restablecerla desde la página de inicio de sesión.",
      ],
      action: "Iniciar sesión",
      outro: ["Si no fuiste tú, puedes ignorar este correo."],
    },
    "password-changed": {
      subject: "Se cambió tu contraseña de {appName}",
      intro: ["Se acaba de cambiar la contraseña de tu cuenta y se cerraron todas las demás sesiones de tu cuenta."],
      action: "Restablecer mi contraseña",
      outro: ["Si hiciste tú este cambio, no tienes que hacer nada más. Si no, restablece tu contraseña ahora."],
    },
    "mfa-enabled": {
      subject: "La verificación en dos pasos está activada en tu cuenta de {appName}",
      intro: [
        "Se acaba de activar la verificación en dos pasos en tu cuenta. A partir de ahora, al iniciar sesión se te pedirá, después de la contraseña, un código de tu aplicación de autenticación (o uno de tus códigos de recuperación).",
      ],
      action: "Restablecer mi contraseña",
      outro: [
        "Si hiciste tú este cambio, guarda tus códigos de recuperación en un lugar seguro. Si no, otra persona tiene acceso a tu cuenta: restablece tu contraseña ahora.",
      ],
    },
    "mfa-disabled": {
      subject: "La verificación en dos pasos está desactivada en tu cuenta de {appName}",
      intro: [
        "Se acaba de desactivar la verificación en dos pasos en tu cuenta: ahora, al iniciar sesión, solo se pide tu contraseña.",
      ],
      action: "Restablecer mi contraseña",
      outro: [
        "Si hiciste tú este cambio, no tienes que hacer nada más. Si no, restablece tu contraseña ahora y vuelve a activar la verificación en dos pasos.",
      ],
    },
    "new-sign-in": {
      subject: "Nuevo inicio de sesión en tu cuenta de {appName}",
      intro: [
        "Alguien acaba de iniciar sesión en tu cuenta desde un navegador que no se había usado antes con ella.",
        "Cuándo: {time}",
        "Navegador: {browser} en {os}",
        "Dirección IP: {ip}",
      ],
      action: "Ver mis sesiones",
      outro: [
        "Si fuiste tú, no tienes que hacer nada más. Si no, cierra esa sesión desde la página de tu cuenta y cambia tu contraseña.",
      ],
    },
    "account-deleted": {
      subject: "Tu cuenta de {appName} se ha eliminado",
      intro: ["Tu cuenta se acaba de eliminar, con sus métodos de inicio de sesión, sesiones y ajustes de verificación en dos pasos, y se han cerrado todas sus sesiones."],
      action: "Ir a la página de inicio de sesión",
      outro: ["Si la eliminaste tú, no tienes que hacer nada más. Si no, otra persona tenía acceso a tu cuenta: contacta con el soporte de la aplicación."],
    },
    "change-email": {
      subject: "Confirma tu nueva dirección de correo electrónico para {appName}",
      intro: ["Alguien (esperamos que tú) pidió que {email} sea la dirección de correo electrónico de su cuenta de {appName}. Confírmala para completar el cambio."],
      action: "Confirmar mi nuevo correo electrónico",
      outro: ["Este enlace funciona una sola vez y caduca en {expiresIn}.", "Si no lo pediste, puedes ignorar este correo: no cambiará nada."],
    },
    "email-change-requested": {
      subject: "Se pidió cambiar tu correo electrónico de {appName}",
      intro: ["Alguien pidió cambiar la dirección de correo electrónico de tu cuenta a {email}. El cambio solo se hará cuando se confirme el enlace enviado a esa dirección."],
      action: "Restablecer mi contraseña",
      outro: ["Si fuiste tú, no tienes que hacer nada más. Si no, otra persona tiene acceso a tu cuenta: restablece tu contraseña ahora, lo que también cancela el cambio."],
    },
    "email-change-attempt": {
      subject: "Alguien intentó usar tu dirección para otra cuenta de {appName}",
      intro: ["Alguien acaba de intentar cambiar la dirección de correo electrónico de otra cuenta a la tuya. Tu dirección sigue en tu cuenta, así que no se cambió nada."],
      action: "Iniciar sesión",
      outro: ["Si fuiste tú, inicia sesión en tu propia cuenta. Si no, puedes ignorar este correo."],
    },
    "email-changed": {
      subject: "Se cambió tu dirección de correo electrónico de {appName}",
      intro: ["La dirección de correo electrónico de tu cuenta se acaba de cambiar a {email} y se cerraron todas las demás sesiones de tu cuenta. Nuestros correos ahora llegan a la nueva dirección."],
      action: "Ir a la página de inicio de sesión",
      outro: ["Si hiciste este cambio, no tienes que hacer nada más. Si no, otra persona tenía acceso a tu cuenta: contacta con el soporte de la aplicación."],
    },
    "passkey-added": {
      subject: "Se añadió una llave de acceso a tu cuenta de {appName}",
      intro: ["Se acaba de añadir una llave de acceso a tu cuenta: ahora permite iniciar sesión en ella, y se cerraron todas las demás sesiones de tu cuenta."],
      action: "Revisar mis llaves de acceso",
      outro: ["Si la añadiste tú, no tienes que hacer nada más. Si no, otra persona tiene acceso a tu cuenta: elimina la llave de acceso desde la página de tu cuenta y cambia tu contraseña."],
    },
    "passkey-removed": {
      subject: "Se eliminó una llave de acceso de tu cuenta de {appName}",
      intro: ["Se acaba de eliminar una llave de acceso de tu cuenta: ya no permite iniciar sesión en ella, y se cerraron todas las demás sesiones de tu cuenta."],
      action: "Revisar mis llaves de acceso",
      outro: ["Si la eliminaste tú, no tienes que hacer nada más. Si no, otra persona tiene acceso a tu cuenta: revisa tus llaves de acceso y cambia tu contraseña."],
    },
  },
}
