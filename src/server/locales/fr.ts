/**
 * `next-auth-kit/locales/fr/server`: French error messages and account emails.
 *
 * Termes (les composants emploient les mêmes) : se connecter / connexion (sign in), se
 * déconnecter (sign out), s’inscrire / inscription (sign up), mot de passe, adresse e-mail,
 * compte, lien, authentification à deux facteurs (activer / désactiver), application
 * d’authentification, code de récupération, session. Vouvoiement. Ton : simple et bref.
 * Espace insécable (\u00a0) avant « : ».
 *
 * @example
 * ```ts
 * import { fr } from "next-auth-kit/locales/fr/server"
 * createAccounts({ ...authConfig, store, sendEmail, locales: [fr] })
 * ```
 * @packageDocumentation
 */
import type { ServerMessages } from "../i18n/messages"

/**
 * French (`fr`) error messages and account emails.
 *
 * @example
 * ```ts
 * import { fr } from "next-auth-kit/locales/fr/server"
 * createAuthKit(authOptions, { ...authConfig, locales: [fr] })
 * ```
 */
export const fr: ServerMessages = {
  locale: "fr",
  errors: {
    method_not_allowed: "Cette méthode n’est pas autorisée sur cette route.",
    unauthenticated: "Connectez-vous pour continuer.",
    forbidden: "Vous n’avez pas accès à cette ressource.",
    internal_error: "Une erreur s’est produite. Veuillez réessayer plus tard.",
    invalid_input: "Certains champs sont manquants ou invalides.",
    invalid_token: "Ce lien est invalide ou a expiré. Demandez-en un nouveau.",
    rate_limited: "Trop de tentatives. Réessayez dans {time}.",
    not_found: "Il n’y a rien ici.",
    mfa_enabled: "L’authentification à deux facteurs est déjà activée.",
    mfa_not_enabled: "L’authentification à deux facteurs n’est pas activée.",
    mfa_setup_required: "Commencez d’abord la configuration de l’authentification à deux facteurs.",
    last_sign_in_method: "C’est votre seul moyen de vous connecter : ajoutez d’abord un mot de passe ou liez un autre compte.",
    reauthentication_required: "Confirmez d’abord que c’est bien vous : saisissez à nouveau votre mot de passe ou votre code.",
    passkey_invalid: "La clé d’accès n’a pas pu être vérifiée. Réessayez, ou connectez-vous d’une autre façon.",
  },
  emails: {
    greeting: "Bonjour {name},",
    greetingAnonymous: "Bonjour,",
    linkFallback: "Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur\u00a0:",
    signature: "— {appName}",
    "verify-email": {
      subject: "Confirmez votre adresse e-mail pour {appName}",
      intro: ["Merci pour votre inscription sur {appName}. Confirmez que cette adresse e-mail est bien la vôtre."],
      action: "Confirmer mon adresse e-mail",
      outro: [
        "Ce lien ne fonctionne qu’une fois et expire dans {expiresIn}.",
        "Si vous n’avez pas créé de compte, vous pouvez ignorer cet e-mail.",
      ],
    },
    "reset-password": {
      subject: "Réinitialisez votre mot de passe {appName}",
      intro: ["Quelqu’un (vous, espérons-le) a demandé à réinitialiser le mot de passe de votre compte."],
      action: "Choisir un nouveau mot de passe",
      outro: [
        "Ce lien ne fonctionne qu’une fois et expire dans {expiresIn}.",
        "Si vous n’êtes pas à l’origine de cette demande, vous pouvez ignorer cet e-mail\u00a0: votre mot de passe reste inchangé.",
      ],
    },
    "signup-attempt": {
      subject: "Quelqu’un a tenté de s’inscrire sur {appName} avec votre adresse",
      intro: [
        "Quelqu’un vient d’essayer de créer un compte avec votre adresse e-mail. Vous en avez déjà un, donc rien n’a changé.",
        "Si c’était vous, connectez-vous plutôt. Si vous avez oublié votre mot de passe, vous pouvez le réinitialiser depuis la page de connexion.",
      ],
      action: "Se connecter",
      outro: ["Si ce n’était pas vous, vous pouvez ignorer cet e-mail."],
    },
    "password-changed": {
      subject: "Le mot de passe de votre compte {appName} a été modifié",
      intro: [
        "Le mot de passe de votre compte vient d’être modifié, et toutes les autres sessions de votre compte ont été déconnectées.",
      ],
      action: "Réinitialiser mon mot de passe",
      outro: [
        "Si c’est vous qui avez fait ce changement, vous n’avez rien d’autre à faire. Sinon, réinitialisez votre mot de passe maintenant.",
      ],
    },
    "mfa-enabled": {
      subject: "L’authentification à deux facteurs est activée pour votre compte {appName}",
      intro: [
        "L’authentification à deux facteurs vient d’être activée pour votre compte. Désormais, après votre mot de passe, la connexion demande un code de votre application d’authentification (ou l’un de vos codes de récupération).",
      ],
      action: "Réinitialiser mon mot de passe",
      outro: [
        "Si c’est vous qui avez fait ce changement, conservez vos codes de récupération en lieu sûr. Sinon, quelqu’un d’autre a accès à votre compte\u00a0: réinitialisez votre mot de passe maintenant.",
      ],
    },
    "mfa-disabled": {
      subject: "L’authentification à deux facteurs est désactivée pour votre compte {appName}",
      intro: [
        "L’authentification à deux facteurs vient d’être désactivée pour votre compte\u00a0: la connexion ne demande plus que votre mot de passe.",
      ],
      action: "Réinitialiser mon mot de passe",
      outro: [
        "Si c’est vous qui avez fait ce changement, vous n’avez rien d’autre à faire. Sinon, réinitialisez votre mot de passe maintenant et réactivez l’authentification à deux facteurs.",
      ],
    },
    "new-sign-in": {
      subject: "Nouvelle connexion à votre compte {appName}",
      intro: [
        "Quelqu’un vient de se connecter à votre compte depuis un navigateur jamais utilisé avec ce compte.",
        "Quand : {time}",
        "Navigateur : {browser} sur {os}",
        "Adresse IP : {ip}",
      ],
      action: "Voir mes sessions",
      outro: [
        "Si c’était vous, il n’y a rien d’autre à faire. Sinon, déconnectez cette session depuis la page de votre compte et changez votre mot de passe.",
      ],
    },
    "account-deleted": {
      subject: "Votre compte {appName} a été supprimé",
      intro: ["Votre compte vient d’être supprimé, avec ses moyens de connexion, ses sessions et ses réglages de double authentification, et toutes ses sessions ont été déconnectées."],
      action: "Aller à la page de connexion",
      outro: ["Si c’est vous qui l’avez supprimé, il n’y a rien d’autre à faire. Sinon, quelqu’un d’autre avait accès à votre compte : contactez le support de l’application."],
    },
    "change-email": {
      subject: "Confirmez votre nouvelle adresse e-mail pour {appName}",
      intro: ["Quelqu’un (vous, espérons-le) a demandé que {email} devienne l’adresse e-mail de son compte {appName}. Confirmez-la pour terminer le changement."],
      action: "Confirmer ma nouvelle adresse e-mail",
      outro: ["Ce lien ne fonctionne qu’une fois et expire dans {expiresIn}.", "Si vous n’avez rien demandé, vous pouvez ignorer cet e-mail : rien ne change."],
    },
    "email-change-requested": {
      subject: "Changement d’adresse e-mail demandé pour votre compte {appName}",
      intro: ["Quelqu’un a demandé à remplacer l’adresse e-mail de votre compte par {email}. Le changement n’a lieu qu’une fois le lien envoyé à cette adresse confirmé."],
      action: "Réinitialiser mon mot de passe",
      outro: ["Si c’était vous, il n’y a rien d’autre à faire. Sinon, quelqu’un d’autre a accès à votre compte : réinitialisez votre mot de passe maintenant, ce qui annule aussi le changement."],
    },
    "email-change-attempt": {
      subject: "Quelqu’un a essayé d’utiliser votre adresse pour un autre compte {appName}",
      intro: ["Quelqu’un vient d’essayer de remplacer l’adresse e-mail d’un autre compte par la vôtre. Votre adresse reste liée à votre compte : rien n’a été modifié."],
      action: "Se connecter",
      outro: ["Si c’était vous, connectez-vous plutôt à votre propre compte. Sinon, vous pouvez ignorer cet e-mail."],
    },
    "email-changed": {
      subject: "L’adresse e-mail de votre compte {appName} a été modifiée",
      intro: ["L’adresse e-mail de votre compte vient d’être remplacée par {email}, et toutes les autres sessions de votre compte ont été déconnectées. Nos e-mails vont désormais à la nouvelle adresse."],
      action: "Aller à la page de connexion",
      outro: ["Si c’est vous qui avez fait ce changement, il n’y a rien d’autre à faire. Sinon, quelqu’un d’autre avait accès à votre compte : contactez le support de l’application."],
    },
    "passkey-added": {
      subject: "Une clé d’accès a été ajoutée à votre compte {appName}",
      intro: ["Une clé d’accès vient d’être ajoutée à votre compte : elle permet désormais de vous y connecter, et toutes les autres sessions de votre compte ont été déconnectées."],
      action: "Voir mes clés d’accès",
      outro: ["Si c’est vous qui l’avez ajoutée, il n’y a rien d’autre à faire. Sinon, quelqu’un d’autre a accès à votre compte : supprimez cette clé d’accès depuis la page de votre compte et changez votre mot de passe."],
    },
    "passkey-removed": {
      subject: "Une clé d’accès a été supprimée de votre compte {appName}",
      intro: ["Une clé d’accès vient d’être supprimée de votre compte : elle ne permet plus de vous y connecter, et toutes les autres sessions de votre compte ont été déconnectées."],
      action: "Voir mes clés d’accès",
      outro: ["Si c’est vous qui l’avez supprimée, il n’y a rien d’autre à faire. Sinon, quelqu’un d’autre a accès à votre compte : vérifiez vos clés d’accès et changez votre mot de passe."],
    },
  },
}
