/** The code action kinds the server offers (announced in its capabilities). */
import { CodeActionKind } from 'vscode-languageserver';
import { PIN_ADDRESSES_KIND, PIN_ALL_KIND } from '../languageservice/services/pinActions';

export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, PIN_ALL_KIND, PIN_ADDRESSES_KIND];
