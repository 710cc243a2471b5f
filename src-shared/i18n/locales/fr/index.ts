/** The fr catalog, one file per area of the product (each helper of a feature adds its own). */
import errors from './errors.json';
import printFailures from './printFailures.json';
import setup from './setup.json';
import technician from './technician.json';
import ticket from './ticket.json';
import ui from './ui.json';

export default { ticket, errors, printFailures, ui, technician, setup };
