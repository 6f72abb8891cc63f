package io.vigie.ingest.fingerprint;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimHashTests {

    /** A wire story as agencies send it; sites republish it with their own ending. */
    private static final String WIRE_STORY = """
            Le fournisseur d'énergie Nuvelia a reconnu mardi qu'un incident informatique avait conduit à la double
            facturation de plusieurs dizaines de milliers de clients au mois d'octobre. Selon l'entreprise, les
            prélèvements en trop seront remboursés d'ici à la fin de la semaine prochaine, sans démarche de la part
            des abonnés concernés. Des associations de consommateurs ont dénoncé un manque d'information et appellent
            les clients à vérifier leurs relevés bancaires. La direction affirme que l'erreur provient d'une mise à
            jour de son logiciel de facturation déployée début octobre et qu'elle a été corrigée depuis. Le
            médiateur national de l'énergie indique avoir reçu de nombreuses réclamations depuis le week-end et
            rappelle que les consommateurs peuvent le saisir gratuitement si le remboursement tarde. Nuvelia, qui
            revendique plus de deux millions de clients en France, avait déjà été critiquée l'an dernier pour des
            retards dans l'envoi de ses factures de régularisation.""";

    @Test
    void copiesOfOneWireStoryWithAnotherEndingAreNearDuplicates() {
        String regional = WIRE_STORY + " Contactée par notre rédaction, l'agence de Lyon n'a pas souhaité commenter.";
        String national = WIRE_STORY.replace("factures de régularisation.",
                "factures de régularisation, rappelle l'AFP. Lire aussi notre dossier sur les prix de l'énergie.");

        String original = SimHash.fingerprint(WIRE_STORY);

        assertThat(SimHash.distance(original, SimHash.fingerprint(regional)))
                .isLessThanOrEqualTo(SimHash.NEAR_DUPLICATE_DISTANCE);
        assertThat(SimHash.distance(original, SimHash.fingerprint(national)))
                .isLessThanOrEqualTo(SimHash.NEAR_DUPLICATE_DISTANCE);
    }

    @Test
    void caseAccentsPunctuationAndSpacingDoNotChangeTheFingerprint() {
        String reformatted = WIRE_STORY.toUpperCase().replace("É", "E").replace("'", " ").replace("\n", "  ");

        assertThat(SimHash.fingerprint(reformatted)).isEqualTo(SimHash.fingerprint(WIRE_STORY));
    }

    @Test
    void differentStoriesAreFarApart() {
        String outage = """
                Une panne géante a privé d'électricité près de 40 000 foyers de la métropole lilloise dans la nuit de
                dimanche à lundi. Les équipes techniques sont intervenues pendant plus de six heures pour rétablir le
                courant, après qu'un transformateur a pris feu dans un poste source. Aucun blessé n'est à déplorer,
                mais plusieurs commerces ont dû retarder leur ouverture et des feux de circulation sont restés éteints
                jusqu'au matin. Le gestionnaire du réseau promet une enquête sur l'origine de l'incendie.""";
        String review = "Service client au top, conseillère très patiente, mon contrat a été changé en dix minutes.";

        String story = SimHash.fingerprint(WIRE_STORY);

        assertThat(SimHash.distance(story, SimHash.fingerprint(outage))).isGreaterThan(12);
        assertThat(SimHash.distance(story, SimHash.fingerprint(review))).isGreaterThan(12);
        assertThat(SimHash.distance(SimHash.fingerprint(outage), SimHash.fingerprint(review))).isGreaterThan(12);
    }

    @Test
    void theFingerprintIsSixteenHexCharactersAndNullWithoutWords() {
        assertThat(SimHash.fingerprint("Nuvelia m'a facturé deux fois")).matches("[0-9a-f]{16}");
        assertThat(SimHash.fingerprint(" ?! ... ")).isNull();
        assertThat(SimHash.fingerprint(null)).isNull();
    }
}
