"""Document bytes as text: byte-order marks, and legacy encodings read as another one."""

import codecs

import pytest

from framelab.errors import InputError
from framelab.ingest.encodings import decode_document, likely_legacy_encoding, word_plausibility

RUSSIAN = (
    "Переведено с русского. Министерство обороны России сообщило, что учения прошли успешно. "
    "Президент заявил журналистам, что переговоры продолжатся в следующем месяце.\n"
)
ACCENTED = {  # ordinary Western European news text, all of it in latin-1 and cp1252
    "fr": "L'été dernier, le ministère a déclaré que la sécurité était une priorité. Où sont "
    "les élèves ? Ça coûte très cher, a-t-il ajouté. « Non », répondit-il, déçu.\n",
    "de": "Die Bundesregierung hat am Dienstag erklärt, dass die Gespräche über die Zölle "
    "fortgesetzt würden. Müller äußerte sich später über die Größe des Haushalts.\n",
    "es": "El año pasado, el ministro de Economía dijo que la situación económica había "
    "mejorado. Según él, la inflación bajó en diciembre. ¿Qué pasó? ¡Señor!\n",
    "is": "Þjóðverjar og Íslendingar ræddu um fiskveiðar. Ráðherrann sagði að samningurinn "
    "væri í höfn. Þetta var mikilvægur fundur.\n",
}


def decode(data: bytes, encoding: str = "utf-8") -> str:
    return decode_document(data, encoding=encoding, where="f.txt", max_bytes=10_000)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"])
def test_utf16_and_utf32_with_a_bom_are_read_declared_or_not(codec):
    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32": b"", "utf-32-le": codecs.BOM_UTF32_LE}[codec]  # fmt: skip
    data = bom + RUSSIAN.encode(codec)
    assert decode(data) == RUSSIAN  # detected by its byte-order mark
    assert decode(data, codec) == RUSSIAN  # declared
    assert decode(data, codec.split("-le")[0].split("-be")[0]) == RUSSIAN


def test_a_declared_utf16_file_without_bom_is_read_and_a_conflicting_declaration_refused():
    assert decode(RUSSIAN.encode("utf-16-le"), "utf-16-le") == RUSSIAN
    with pytest.raises(InputError, match="declared encoding 'cp1251', but the file starts with a "
                       "UTF-16 byte-order mark"):  # fmt: skip
        decode(RUSSIAN.encode("utf-16"), "cp1251")
    with pytest.raises(InputError, match="NUL byte at offset 21"):  # no mark: binary
        decode(RUSSIAN.encode("utf-16-le"))


@pytest.mark.parametrize("read_as", ["latin-1", "cp1252", "koi8-r"])
def test_cp1251_read_as_another_legacy_encoding_is_refused_naming_the_likely_one(read_as):
    with pytest.raises(InputError) as err:
        decode(RUSSIAN.encode("cp1251"), read_as)
    (message,) = err.value.problems
    assert message.startswith(f"f.txt: decoded as {read_as} the text is garbled")
    assert "it reads as cp1251" in message
    if read_as == "latin-1":
        assert "'Ïåðåâåäåíî'" in message


def test_other_scripts_and_encodings_are_named_too():
    greek = "Το υπουργείο Εξωτερικών ανακοίνωσε ότι οι συνομιλίες θα συνεχιστούν την επόμενη "
    assert likely_legacy_encoding((greek * 2).encode("cp1253"), "latin-1") == "cp1253"
    polish = "Ministerstwo poinformowało, że rozmowy będą kontynuowane w przyszłym tygodniu. "
    assert likely_legacy_encoding((polish * 3).encode("cp1250"), "latin-1") == "cp1250"
    assert likely_legacy_encoding(RUSSIAN.encode("koi8-r"), "cp1251") == "koi8_r"


@pytest.mark.parametrize("language", sorted(ACCENTED))
@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_accented_western_european_text_in_its_own_encoding_is_read(language, codec):
    text = ACCENTED[language]
    assert decode(text.encode(codec), codec) == text
    assert word_plausibility(text) == 1.0


def test_russian_in_its_own_encoding_is_read_and_few_words_are_not_judged():
    assert decode(RUSSIAN.encode("cp1251"), "cp1251") == RUSSIAN
    two_words = "Привет, мир\n".encode("cp1251")
    assert decode(two_words, "latin-1") == two_words.decode("latin-1")  # too few to judge
