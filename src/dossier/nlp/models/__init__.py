"""Trained NER models shipped with dossier, and the code that trains and scores them.

``corpus`` reads IOB2 column files and scores entity spans (conlleval style);
``tagger`` holds the network of the "accurate" profile. Weights live beside
them in this folder; the data they were trained on never does.
"""
