import type { Shape } from '../../i18n/en';
import { addSection } from '../../i18n/sections';

/** Words of the forms that make or change an account: the setup page and the people admin page. */
const en = {
  email: 'E-mail address',
  displayName: 'Name',
  displayNameHint: 'As it appears in the audit log, e.g. Ann Peeters (ICT).',
  password: 'Password',
  newPassword: 'New password',
  confirm: 'Repeat the password',
  passwordHint: 'At least {{min}} characters; a passphrase of a few words is best.',
  tooShort: 'The password needs at least {{min}} characters.',
  mismatch: 'The two passwords are not the same.',
  required: 'This field is required.',
  role: 'Role',
  roles: { viewer: 'Viewer', operator: 'Operator', admin: 'Administrator' },
  setup: {
    title: 'Set up Lifeline',
    intro: 'Create the first administrator. This link works once; afterwards, sign in with this e-mail address and password.',
    noToken: 'This page needs the setup link printed in the server’s log (…/setup?token=…).',
    submit: 'Create administrator and sign in',
    busy: 'Creating…',
    used: 'This link was used or has expired. Restart Lifeline for a new one, or sign in.',
    exists: 'Lifeline has an administrator already: sign in instead.',
    failed: 'Not created: {{message}}',
  },
  tooMany: 'Too many attempts. Try again in {{seconds}} s.',
};

const nl: Shape<typeof en> = {
  email: 'E-mailadres',
  displayName: 'Naam',
  displayNameHint: 'Zoals die in het auditlogboek verschijnt, bv. Ann Peeters (ICT).',
  password: 'Wachtwoord',
  newPassword: 'Nieuw wachtwoord',
  confirm: 'Herhaal het wachtwoord',
  passwordHint: 'Minstens {{min}} tekens; een zin van enkele woorden is het best.',
  tooShort: 'Het wachtwoord moet minstens {{min}} tekens hebben.',
  mismatch: 'De twee wachtwoorden zijn niet gelijk.',
  required: 'Dit veld is verplicht.',
  role: 'Rol',
  roles: { viewer: 'Kijker', operator: 'Operator', admin: 'Beheerder' },
  setup: {
    title: 'Lifeline instellen',
    intro: 'Maak de eerste beheerder aan. Deze link werkt één keer; meld u daarna aan met dit e-mailadres en wachtwoord.',
    noToken: 'Deze pagina heeft de installatielink uit het logboek van de server nodig (…/setup?token=…).',
    submit: 'Beheerder aanmaken en aanmelden',
    busy: 'Aanmaken…',
    used: 'Deze link werd al gebruikt of is verlopen. Herstart Lifeline voor een nieuwe, of meld u aan.',
    exists: 'Lifeline heeft al een beheerder: meld u aan.',
    failed: 'Niet aangemaakt: {{message}}',
  },
  tooMany: 'Te veel pogingen. Probeer opnieuw over {{seconds}} s.',
};

const fr: Shape<typeof en> = {
  email: 'Adresse e-mail',
  displayName: 'Nom',
  displayNameHint: 'Tel qu’il apparaît dans le journal d’audit, p. ex. Ann Peeters (ICT).',
  password: 'Mot de passe',
  newPassword: 'Nouveau mot de passe',
  confirm: 'Répétez le mot de passe',
  passwordHint: 'Au moins {{min}} caractères ; une phrase de quelques mots est idéale.',
  tooShort: 'Le mot de passe doit compter au moins {{min}} caractères.',
  mismatch: 'Les deux mots de passe ne sont pas identiques.',
  required: 'Ce champ est obligatoire.',
  role: 'Rôle',
  roles: { viewer: 'Lecteur', operator: 'Opérateur', admin: 'Administrateur' },
  setup: {
    title: 'Configurer Lifeline',
    intro: 'Créez le premier administrateur. Ce lien ne fonctionne qu’une fois ; connectez-vous ensuite avec cette adresse e-mail et ce mot de passe.',
    noToken: 'Cette page a besoin du lien de configuration affiché dans le journal du serveur (…/setup?token=…).',
    submit: 'Créer l’administrateur et se connecter',
    busy: 'Création…',
    used: 'Ce lien a déjà servi ou a expiré. Redémarrez Lifeline pour en obtenir un nouveau, ou connectez-vous.',
    exists: 'Lifeline a déjà un administrateur : connectez-vous.',
    failed: 'Non créé : {{message}}',
  },
  tooMany: 'Trop de tentatives. Réessayez dans {{seconds}} s.',
};

export const accountWords = { en, nl, fr };
addSection('account', accountWords);
