/** SoftHSM2 virtual cards for the RA command, demos and tests. */
package org.selfrenewal.card.softhsm;
