import type { Shape } from '../../i18n/en';
import { addSection } from '../../i18n/sections';

/** The sign-in page's own words beyond `auth` (which the navigation bar needs from the start). */
const en = {
  organisation: 'Sign in with your organisation',
  or: 'or with your e-mail address',
  tooMany: 'Too many sign-in attempts. Try again in {{seconds}} s.',
  tryNow: 'You can try again now.',
  setupPending: 'Lifeline has no administrator yet: open the setup link printed in the server’s log.',
  errors: {
    'no-role': 'Your organisation signed you in, but gave you no role in Lifeline. Ask an administrator to add you to a Lifeline group.',
    'no-email': 'Your organisation did not tell Lifeline your e-mail address, so you could not be signed in. Ask an administrator.',
    'email-in-use': 'A Lifeline account with your e-mail address exists already and could not be linked to your organisation’s sign-in. Ask an administrator.',
    disabled: 'Your Lifeline account is disabled. Ask an administrator.',
    expired: 'The sign-in took too long, or was started in another window. Please try again.',
    'directory-refused': 'Your organisation’s sign-in was refused or cancelled.',
    failed: 'Signing in through your organisation did not work. Try again, or ask an administrator.',
    unknown: 'Signing in did not work. Please try again.',
  },
};

const nl: Shape<typeof en> = {
  organisation: 'Aanmelden via uw organisatie',
  or: 'of met uw e-mailadres',
  tooMany: 'Te veel aanmeldpogingen. Probeer opnieuw over {{seconds}} s.',
  tryNow: 'U kunt het nu opnieuw proberen.',
  setupPending: 'Lifeline heeft nog geen beheerder: open de installatielink uit het logboek van de server.',
  errors: {
    'no-role': 'Uw organisatie heeft u aangemeld, maar gaf u geen rol in Lifeline. Vraag een beheerder u aan een Lifeline-groep toe te voegen.',
    'no-email': 'Uw organisatie gaf Lifeline uw e-mailadres niet door, dus u kon niet worden aangemeld. Vraag het een beheerder.',
    'email-in-use': 'Er bestaat al een Lifeline-account met uw e-mailadres en het kon niet aan de aanmelding van uw organisatie worden gekoppeld. Vraag het een beheerder.',
    disabled: 'Uw Lifeline-account is uitgeschakeld. Vraag het een beheerder.',
    expired: 'Het aanmelden duurde te lang, of werd in een ander venster gestart. Probeer het opnieuw.',
    'directory-refused': 'De aanmelding van uw organisatie werd geweigerd of geannuleerd.',
    failed: 'Aanmelden via uw organisatie is niet gelukt. Probeer opnieuw, of vraag het een beheerder.',
    unknown: 'Aanmelden is niet gelukt. Probeer het opnieuw.',
  },
};

const fr: Shape<typeof en> = {
  organisation: 'Se connecter avec son organisation',
  or: 'ou avec votre adresse e-mail',
  tooMany: 'Trop de tentatives de connexion. Réessayez dans {{seconds}} s.',
  tryNow: 'Vous pouvez réessayer maintenant.',
  setupPending: 'Lifeline n’a pas encore d’administrateur : ouvrez le lien de configuration affiché dans le journal du serveur.',
  errors: {
    'no-role': 'Votre organisation vous a connecté, mais ne vous donne aucun rôle dans Lifeline. Demandez à un administrateur de vous ajouter à un groupe Lifeline.',
    'no-email': 'Votre organisation n’a pas transmis votre adresse e-mail à Lifeline : la connexion est impossible. Adressez-vous à un administrateur.',
    'email-in-use': 'Un compte Lifeline avec votre adresse e-mail existe déjà et n’a pas pu être lié à la connexion de votre organisation. Adressez-vous à un administrateur.',
    disabled: 'Votre compte Lifeline est désactivé. Adressez-vous à un administrateur.',
    expired: 'La connexion a pris trop de temps, ou a été lancée dans une autre fenêtre. Veuillez réessayer.',
    'directory-refused': 'La connexion de votre organisation a été refusée ou annulée.',
    failed: 'La connexion par votre organisation a échoué. Réessayez, ou adressez-vous à un administrateur.',
    unknown: 'La connexion n’a pas abouti. Veuillez réessayer.',
  },
};

export const loginWords = { en, nl, fr };
addSection('login', loginWords);
