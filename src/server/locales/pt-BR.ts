/**
 * `next-auth-kit/locales/pt-BR/server`: Brazilian Portuguese error messages and account emails.
 *
 * Termos (os componentes usam os mesmos): entrar / o acesso (sign in), sair (sign out),
 * cadastrar-se / criar conta (sign up), senha, e-mail / endereço de e-mail, conta, link,
 * autenticação de dois fatores (ativar / desativar), app autenticador, código de recuperação,
 * sessão. Tratamento: "você". Tom: simples e curto.
 *
 * @example
 * ```ts
 * import { ptBR } from "next-auth-kit/locales/pt-BR/server"
 * createAccounts({ ...authConfig, store, sendEmail, locales: [ptBR] })
 * ```
 * @packageDocumentation
 */
import type { ServerMessages } from "../i18n/messages"

/**
 * Brazilian Portuguese (`pt-BR`) error messages and account emails.
 *
 * @example
 * ```ts
 * import { ptBR } from "next-auth-kit/locales/pt-BR/server"
 * createAuthKit(authOptions, { ...authConfig, locales: [ptBR] })
 * ```
 */
export const ptBR: ServerMessages = {
  locale: "pt-BR",
  errors: {
    method_not_allowed: "Este método não é permitido nesta rota.",
    unauthenticated: "Entre para continuar.",
    forbidden: "Você não tem acesso a este recurso.",
    internal_error: "Algo deu errado. Tente novamente mais tarde.",
    invalid_input: "Alguns campos estão faltando ou são inválidos.",
    invalid_token: "Este link é inválido ou expirou. Peça um novo.",
    rate_limited: "Muitas tentativas. Tente novamente em {time}.",
    not_found: "Não há nada aqui.",
    mfa_enabled: "A autenticação de dois fatores já está ativada.",
    mfa_not_enabled: "A autenticação de dois fatores não está ativada.",
    mfa_setup_required: "Primeiro inicie a configuração da autenticação de dois fatores.",
    last_sign_in_method: "Esta é sua única forma de entrar: adicione uma senha ou vincule outra conta primeiro.",
    reauthentication_required: "Primeiro confirme que é você: digite sua senha ou código novamente.",
    passkey_invalid: "Não foi possível verificar a chave de acesso. Tente novamente ou entre de outra forma.",
  },
  emails: {
    greeting: "Olá, {name},",
    greetingAnonymous: "Olá,",
    linkFallback: "Se o botão não funcionar, copie este link no seu navegador:",
    signature: "— {appName}",
    "verify-email": {
      subject: "Confirme seu endereço de e-mail para {appName}",
      intro: ["Obrigado por se cadastrar em {appName}. Confirme que este é o seu endereço de e-mail."],
      action: "Confirmar meu e-mail",
      outro: ["Este link funciona uma única vez e expira em {expiresIn}.", "Se você não criou uma conta, pode ignorar este e-mail."],
    },
    "reset-password": {
      subject: "Redefina sua senha de {appName}",
      intro: ["Alguém (esperamos que você) pediu para redefinir a senha da sua conta."],
      action: "Escolher uma nova senha",
      outro: [
        "Este link funciona uma única vez e expira em {expiresIn}.",
        "Se você não pediu isso, pode ignorar este e-mail: sua senha continua a mesma.",
      ],
    },
    "signup-attempt": {
      subject: "Alguém tentou se cadastrar em {appName} com o seu endereço",
      intro: [
        "Alguém acabou de tentar criar uma conta com o seu endereço de e-mail. Você já tem uma, então nada foi alterado.",
        "Se foi você, basta entrar. Se você esqueceu sua senha, pode redefini-la na página de acesso.",
      ],
      action: "Entrar",
      outro: ["Se não foi você, pode ignorar este e-mail."],
    },
    "password-changed": {
      subject: "Sua senha de {appName} foi alterada",
      intro: ["A senha da sua conta acabou de ser alterada, e todas as outras sessões da sua conta foram encerradas."],
      action: "Redefinir minha senha",
      outro: ["Se foi você que fez essa alteração, não precisa fazer mais nada. Se não foi, redefina sua senha agora."],
    },
    "mfa-enabled": {
      subject: "A autenticação de dois fatores está ativada na sua conta de {appName}",
      intro: [
        "A autenticação de dois fatores acabou de ser ativada na sua conta. A partir de agora, depois da senha, o acesso pede um código do seu app autenticador (ou um dos seus códigos de recuperação).",
      ],
      action: "Redefinir minha senha",
      outro: [
        "Se foi você que fez essa alteração, guarde seus códigos de recuperação em um lugar seguro. Se não foi, outra pessoa tem acesso à sua conta: redefina sua senha agora.",
      ],
    },
    "mfa-disabled": {
      subject: "A autenticação de dois fatores está desativada na sua conta de {appName}",
      intro: ["A autenticação de dois fatores acabou de ser desativada na sua conta: agora o acesso pede apenas a sua senha."],
      action: "Redefinir minha senha",
      outro: [
        "Se foi você que fez essa alteração, não precisa fazer mais nada. Se não foi, redefina sua senha agora e ative de novo a autenticação de dois fatores.",
      ],
    },
    "new-sign-in": {
      subject: "Novo acesso à sua conta do {appName}",
      intro: [
        "Alguém acabou de entrar na sua conta a partir de um navegador que nunca tinha sido usado com ela.",
        "Quando: {time}",
        "Navegador: {browser} em {os}",
        "Endereço IP: {ip}",
      ],
      action: "Ver minhas sessões",
      outro: [
        "Se foi você, não há mais nada a fazer. Se não foi, encerre essa sessão na página da sua conta e altere sua senha.",
      ],
    },
    "account-deleted": {
      subject: "Sua conta do {appName} foi excluída",
      intro: ["Sua conta acabou de ser excluída, com seus métodos de login, sessões e configurações de verificação em duas etapas, e todas as suas sessões foram encerradas."],
      action: "Ir para a página de login",
      outro: ["Se foi você quem a excluiu, não há mais nada a fazer. Se não foi, outra pessoa tinha acesso à sua conta: entre em contato com o suporte do aplicativo."],
    },
    "change-email": {
      subject: "Confirme seu novo endereço de e-mail para {appName}",
      intro: ["Alguém (esperamos que você) pediu que {email} passe a ser o endereço de e-mail de uma conta em {appName}. Confirme para concluir a alteração."],
      action: "Confirmar meu novo e-mail",
      outro: ["Este link funciona uma única vez e expira em {expiresIn}.", "Se você não pediu isso, pode ignorar este e-mail: nada muda."],
    },
    "email-change-requested": {
      subject: "Foi solicitada a alteração do seu e-mail em {appName}",
      intro: ["Alguém pediu para alterar o endereço de e-mail da sua conta para {email}. A alteração só acontece quando o link enviado para esse endereço for confirmado."],
      action: "Redefinir minha senha",
      outro: ["Se foi você, não há mais nada a fazer. Se não foi, outra pessoa tem acesso à sua conta: redefina sua senha agora, o que também cancela a alteração."],
    },
    "email-change-attempt": {
      subject: "Alguém tentou usar seu endereço em outra conta de {appName}",
      intro: ["Alguém acabou de tentar alterar o endereço de e-mail de outra conta para o seu. Seu endereço continua na sua conta, então nada foi alterado."],
      action: "Entrar",
      outro: ["Se foi você, entre na sua própria conta. Se não foi, pode ignorar este e-mail."],
    },
    "email-changed": {
      subject: "Seu endereço de e-mail em {appName} foi alterado",
      intro: ["O endereço de e-mail da sua conta acabou de ser alterado para {email}, e todas as outras sessões da sua conta foram encerradas. Nossos e-mails agora vão para o novo endereço."],
      action: "Ir para a página de login",
      outro: ["Se foi você quem fez essa alteração, não há mais nada a fazer. Se não foi, outra pessoa tinha acesso à sua conta: entre em contato com o suporte do aplicativo."],
    },
    "passkey-added": {
      subject: "Uma chave de acesso foi adicionada à sua conta do {appName}",
      intro: ["Uma chave de acesso acabou de ser adicionada à sua conta: agora ela pode ser usada para entrar, e todas as outras sessões da sua conta foram encerradas."],
      action: "Ver minhas chaves de acesso",
      outro: ["Se foi você que a adicionou, não há mais nada a fazer. Se não foi, outra pessoa tem acesso à sua conta: remova a chave de acesso na página da sua conta e altere sua senha."],
    },
    "passkey-removed": {
      subject: "Uma chave de acesso foi removida da sua conta do {appName}",
      intro: ["Uma chave de acesso acabou de ser removida da sua conta: ela não pode mais ser usada para entrar, e todas as outras sessões da sua conta foram encerradas."],
      action: "Ver minhas chaves de acesso",
      outro: ["Se foi você que a removeu, não há mais nada a fazer. Se não foi, outra pessoa tem acesso à sua conta: revise suas chaves de acesso e altere sua senha."],
    },
  },
}
